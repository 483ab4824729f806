// Installs the dynalite pinned by package-lock.json into the folder given as the only argument
// (the Maven build passes localstack/target/dynalite), so that a clean clone needs nothing by hand.
// A stamp of the lock file is kept there: while the lock is unchanged and the install is present,
// nothing is fetched, which keeps repeated builds offline and fast.
'use strict'

const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const MINIMUM_NODE_MAJOR = 20 // dynalite 4.0.0 declares engines.node >= 20

const nodeMajor = Number(process.versions.node.split('.')[0])
if (nodeMajor < MINIMUM_NODE_MAJOR) {
  console.error(`dynalite needs Node.js >= ${MINIMUM_NODE_MAJOR}, this is ${process.version}: install Node.js ${MINIMUM_NODE_MAJOR} or newer`)
  process.exit(1)
}
if (process.argv.length !== 3) {
  console.error('usage: node install.js <target folder>')
  process.exit(1)
}

const source = __dirname
const target = path.resolve(process.argv[2])
const manifests = ['package.json', 'package-lock.json']

const stamp = crypto.createHash('sha256')
for (const name of manifests) stamp.update(fs.readFileSync(path.join(source, name)))
const expected = stamp.digest('hex')

const stampFile = path.join(target, '.installed-lock.sha256')
const installed = path.join(target, 'node_modules', 'dynalite', 'package.json')
if (fs.existsSync(installed) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === expected) {
  console.log(`dynalite already installed in ${target} (lock file unchanged)`)
  process.exit(0)
}

fs.mkdirSync(target, { recursive: true })
fs.rmSync(stampFile, { force: true })
for (const name of manifests) fs.copyFileSync(path.join(source, name), path.join(target, name))

// --ignore-scripts: the only install script (classic-level's) just picks a prebuilt LevelDB binding,
// which node-gyp-build also finds at run time; skipping it keeps the install free of compilers.
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], { cwd: target, stdio: 'inherit' })

fs.writeFileSync(stampFile, expected + '\n')
console.log(`dynalite installed in ${target}`)

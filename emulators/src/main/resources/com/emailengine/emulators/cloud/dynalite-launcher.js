// Run by DynaliteDynamoDb as `node -e <this> <dynalite package dir> <host> <port> [<data dir>]`.
// It differs from dynalite's own cli.js in three ways the Java side relies on:
//  - port 0 binds a free port (cli.js turns 0 into 4567), and the bound port is printed on a READY line;
//  - a bind failure is printed on a FAILED line with the error code, so Java can name the problem;
//  - it stops when its standard input closes, and only then: the parent JVM holds that pipe open, and the kernel
//    closes it when the JVM dies in any way (even SIGKILL), so a crashed JVM never leaves it running.
'use strict'
const [packageDir, host, port, dataDir] = process.argv.slice(1)
const dynalite = require(packageDir)

// Tables become ACTIVE at once: the engine's code and tests never wait on table status.
const server = dynalite({ path: dataDir || undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

let stopping = false
function stop (reason) {
  if (stopping) return
  stopping = true
  console.log('DYNALITE_STOPPING ' + reason)
  // A graceful close lets LevelDB flush; a stuck close must not keep the process alive.
  setTimeout(() => process.exit(1), 5000).unref()
  server.close(() => process.exit(0))
}

server.on('error', (error) => {
  console.log('DYNALITE_FAILED ' + (error.code || 'ERROR') + ' ' + error.message)
  process.exit(2)
})
server.listen(Number(port), host, () => {
  console.log('DYNALITE_READY ' + server.address().port)
})

process.stdin.on('end', () => stop('standard input closed'))
process.stdin.on('error', () => stop('standard input failed'))
process.stdin.resume()
// One request dynalite cannot handle must not take down the server every later test talks to: say what it was
// (the Java side logs the last lines of an unexpected exit) and go on serving.
process.on('uncaughtException', (error) => {
  console.log('DYNALITE_UNCAUGHT ' + (error && error.stack ? error.stack.split('\n').slice(0, 4).join(' | ') : error))
})
// A terminal's Ctrl-C signals the whole process group, and the engine still writes to DynamoDB while it stops (the
// fleet's traffic counts, its leases): so a signal does not stop this server; the JVM closes our input when it is done.
process.on('SIGTERM', () => console.log('DYNALITE_SIGNAL SIGTERM ignored: stopping when the engine closes its input'))
process.on('SIGINT', () => console.log('DYNALITE_SIGNAL SIGINT ignored: stopping when the engine closes its input'))

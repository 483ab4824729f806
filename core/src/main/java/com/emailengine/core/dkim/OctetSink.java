package com.emailengine.core.dkim;

/** Where canonicalized octets go: a buffer (header hash input) or a digest (body hash). */
interface OctetSink {

    void write(int b);

    void write(byte[] source, int offset, int count);
}

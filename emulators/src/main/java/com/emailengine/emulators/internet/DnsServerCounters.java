package com.emailengine.emulators.internet;

/**
 * What a {@link LoopbackDnsServer} has done since it started.
 *
 * @param udpQueries requests received over UDP
 * @param tcpQueries requests received over TCP
 * @param truncatedAnswers UDP answers cut down with TC set, so the client had to retry over TCP
 * @param unanswered requests deliberately left without reply (timeout faults, undecodable junk)
 */
public record DnsServerCounters(long udpQueries, long tcpQueries, long truncatedAnswers, long unanswered) {
}

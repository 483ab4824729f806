package com.emailengine.core.dns;

import java.util.List;

/** What DNS says about delivering mail to a domain. */
public sealed interface MailRoute {

    /**
     * Hosts to try, in order of preference.
     *
     * @param implicit true when the domain has no MX and mail goes to its own address (RFC 5321 §5.1)
     */
    record Hosts(List<MailHost> hosts, boolean implicit) implements MailRoute {
        public Hosts {
            hosts = List.copyOf(hosts);
        }

        public Hosts(List<MailHost> hosts) {
            this(hosts, false);
        }
    }

    /**
     * The domain takes no mail: it does not exist ({@code nxdomain}), publishes a null MX
     * ({@code null_mx}, RFC 7505) or has neither MX nor address ({@code no_mail_host}).
     */
    record NoMail(String reason) implements MailRoute {
    }

    /** DNS could not answer now (timeout, SERVFAIL): unknown, try later, never "invalid". */
    record Unknown(String reason) implements MailRoute {
    }
}

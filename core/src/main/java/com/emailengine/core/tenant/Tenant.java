package com.emailengine.core.tenant;

import java.util.List;

/**
 * A customer of the engine that sends under its own domain from its own IPs.
 *
 * @param returnPathDomain the domain of the VERP envelope sender, below the sending domain; bounces come back to it
 * @param returnPathMx     the host the return-path domain's MX points to (the fleet's bounce listener)
 * @param welcomeCampaign  the campaign a newly ingested contact is enrolled in
 * @param dmarcPolicy      {@code none}, {@code quarantine} or {@code reject}: what receivers are asked to do
 * @param dmarcReports     where receivers send DMARC aggregate reports
 * @param postalAddress    the sender's physical postal address, one line, shown in every message's footer
 * @param testRecipients   who may receive the tenant's test-sends
 *                         (CAN-SPAM 15 U.S.C. 7704(a)(5); sender identification under EU law)
 */
public record Tenant(
        String id,
        String displayName,
        String sendingDomain,
        String fromAddress,
        String fromName,
        String returnPathDomain,
        String returnPathMx,
        String defaultLanguage,
        String welcomeCampaign,
        IpPool pool,
        List<DkimSelector> dkimSelectors,
        String dmarcPolicy,
        String dmarcReports,
        String postalAddress,
        TestRecipients testRecipients) {

    public Tenant {
        dkimSelectors = List.copyOf(dkimSelectors);
    }
}

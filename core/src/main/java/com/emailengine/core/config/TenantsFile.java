package com.emailengine.core.config;

import com.emailengine.core.campaign.Campaigns;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.delivery.HeaderValues;
import com.emailengine.core.names.DomainName;
import com.emailengine.core.templating.Language;
import com.emailengine.core.tenant.DkimSelector;
import com.emailengine.core.tenant.IpPool;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.tenant.TestRecipients;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code tenants.yaml}. Schema: docs/config.md. */
final class TenantsFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,30}");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Set<String> DKIM_ALGORITHMS = Set.of("rsa-sha256", "ed25519-sha256");
    private static final int MAX_POSTAL_ADDRESS = 200;
    private static final Set<String> KEYS = Set.of("id", "name", "sending-domain", "from", "postal-address", "return-path-domain",
            "return-path-mx", "default-language", "welcome-campaign", "dkim-selectors", "ip-pool", "dmarc", "test-recipients");
    private static final Set<String> DMARC_POLICIES = Set.of("none", "quarantine", "reject");

    private TenantsFile() {
    }

    static Set<String> ids(ConfigMap doc) {
        Set<String> ids = new LinkedHashSet<>();
        for (ConfigNode node : doc.list("tenants")) {
            ConfigMap map = node.asMap("a tenant");
            String id = map.string("id");
            if (!ID.matcher(id).matches()) {
                throw map.required("id").error("tenant id '" + id + "' must be 2-31 lower-case letters, digits and dashes");
            }
            if (!ids.add(id)) {
                throw map.required("id").error("tenant '" + id + "' is defined twice");
            }
        }
        return ids;
    }

    static Tenants read(ConfigMap doc, Campaigns campaigns) {
        doc.allowOnly(Set.of("tenants"));
        ids(doc);
        Map<String, String> ipOwners = new HashMap<>();
        List<Tenant> tenants = new ArrayList<>();
        for (ConfigNode node : doc.list("tenants")) {
            tenants.add(tenant(node.asMap("a tenant").allowOnly(KEYS), campaigns, ipOwners));
        }
        if (tenants.isEmpty()) {
            throw doc.error("at least one tenant is needed");
        }
        return new Tenants(tenants);
    }

    private static Tenant tenant(ConfigMap map, Campaigns campaigns, Map<String, String> ipOwners) {
        String id = map.string("id");
        String sendingDomain = domain(map, "sending-domain");
        ConfigMap from = map.map("from").allowOnly(Set.of("address", "name"));
        String fromAddress;
        try {
            fromAddress = EmailAddress.parse(from.string("address")).value();
        } catch (InvalidEmailAddressException e) {
            throw from.required("address").error("from address is not valid: " + e.getMessage());
        }
        if (!fromAddress.endsWith("@" + sendingDomain)) {
            throw from.required("address").error("from address " + fromAddress + " must be in the sending domain "
                    + sendingDomain + " so that DKIM and DMARC align");
        }
        String fromName = from.optionalString("name").orElse(map.optionalString("name").orElse(id));
        int broken = HeaderValues.firstForbidden(fromName);
        if (broken >= 0) {
            // The name becomes the From header of every message: a line break there would add headers of its own.
            ConfigNode named = from.optionalString("name").isPresent() ? from.required("name") : map.required("name");
            throw named.error("from name cannot contain " + HeaderValues.describe(fromName.charAt(broken))
                    + ": it is written in every message's From header");
        }
        String postalAddress = map.string("postal-address").strip();
        if (postalAddress.isEmpty() || postalAddress.length() > MAX_POSTAL_ADDRESS || postalAddress.chars().anyMatch(Character::isISOControl)) {
            throw map.required("postal-address").error("postal address must be one line of 1 to " + MAX_POSTAL_ADDRESS
                    + " characters: every commercial message must show where the sender can be reached by post (CAN-SPAM)");
        }
        String returnPathDomain = domain(map, "return-path-domain");
        if (!returnPathDomain.endsWith("." + sendingDomain)) {
            throw map.required("return-path-domain").error("return-path domain " + returnPathDomain
                    + " must be a subdomain of " + sendingDomain + " (such as bounces." + sendingDomain
                    + "): SPF then aligns for DMARC, and its MX does not take over the sending domain's inbound mail");
        }
        String returnPathMx = map.optional("return-path-mx").isPresent() ? domain(map, "return-path-mx") : "mx." + returnPathDomain;
        String dmarcPolicy = "none";
        String dmarcReports = "dmarc-reports@" + sendingDomain;
        if (map.optional("dmarc").isPresent()) {
            ConfigMap dmarc = map.map("dmarc").allowOnly(Set.of("policy", "reports"));
            dmarcPolicy = dmarc.optionalString("policy").orElse(dmarcPolicy);
            if (!DMARC_POLICIES.contains(dmarcPolicy)) {
                throw dmarc.required("policy").error("DMARC policy must be one of " + DMARC_POLICIES + ", got '" + dmarcPolicy + "'");
            }
            if (dmarc.optionalString("reports").isPresent()) {
                try {
                    dmarcReports = EmailAddress.parse(dmarc.string("reports")).value();
                } catch (InvalidEmailAddressException e) {
                    throw dmarc.required("reports").error("DMARC report address is not valid: " + e.getMessage());
                }
            }
        }
        String language = map.string("default-language");
        if (Language.fromTag(language).isEmpty()) {
            throw map.required("default-language").error("unsupported language '" + language + "'");
        }
        String welcome = map.string("welcome-campaign");
        if (campaigns.campaign(id, welcome).isEmpty()) {
            throw map.required("welcome-campaign").error("campaign '" + welcome + "' is not defined for tenant '" + id
                    + "' in " + EngineConfig.CAMPAIGNS_FILE);
        }
        List<DkimSelector> selectors = new ArrayList<>();
        for (ConfigNode selectorNode : map.list("dkim-selectors")) {
            ConfigMap s = selectorNode.asMap("a DKIM selector").allowOnly(Set.of("selector", "algorithm"));
            String selector = s.string("selector");
            if (!SELECTOR.matcher(selector).matches()) {
                throw s.required("selector").error("DKIM selector '" + selector + "' must be letters, digits and dashes");
            }
            String algorithm = s.string("algorithm");
            if (!DKIM_ALGORITHMS.contains(algorithm)) {
                throw s.required("algorithm").error("DKIM algorithm must be one of " + DKIM_ALGORITHMS + ", got '" + algorithm + "'");
            }
            selectors.add(new DkimSelector(selector, algorithm));
        }
        if (selectors.isEmpty()) {
            throw map.required("dkim-selectors").error("at least one DKIM selector is needed");
        }
        IpPool pool = new IpPool(id, poolAddresses(map, id, ipOwners));
        return new Tenant(id, map.optionalString("name").orElse(id), sendingDomain, fromAddress,
                fromName, returnPathDomain, returnPathMx,
                Language.fromTag(language).orElseThrow().code(), welcome, pool, selectors, dmarcPolicy, dmarcReports, postalAddress,
                testRecipients(map));
    }

    /** {@code test-recipients}: addresses, or {@code @domain} for a whole domain; who may receive test-sends. */
    private static TestRecipients testRecipients(ConfigMap map) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (ConfigNode node : map.optionalList("test-recipients")) {
            String entry = node.asScalar("a test recipient").string("a test recipient").strip();
            try {
                if (entry.startsWith("@")) {
                    domains.add(EmailAddress.parse("postmaster" + entry).asciiDomain());
                } else {
                    addresses.add(EmailAddress.parse(entry).value().toLowerCase(Locale.ROOT));
                }
            } catch (InvalidEmailAddressException e) {
                throw node.error("test recipient '" + entry + "' must be an address or @domain: " + e.getMessage());
            }
        }
        return new TestRecipients(addresses, domains);
    }

    private static List<SendingAddress> poolAddresses(ConfigMap map, String tenantId, Map<String, String> ipOwners) {
        List<SendingAddress> addresses = new ArrayList<>();
        for (ConfigNode entryNode : map.list("ip-pool")) {
            ConfigMap entry = entryNode.asMap("an ip-pool entry").allowOnly(Set.of("addresses", "ehlo"));
            ConfigNode rangeNode = entry.required("addresses");
            List<InetAddress> range;
            try {
                range = AddressRange.parse(rangeNode.asScalar("addresses").string("addresses"));
            } catch (IllegalArgumentException e) {
                throw rangeNode.error(e.getMessage());
            }
            String ehloPattern = entry.string("ehlo");
            for (InetAddress address : range) {
                String ip = address.getHostAddress();
                String owner = ipOwners.putIfAbsent(ip, tenantId);
                if (owner != null) {
                    throw rangeNode.error("address " + ip + " is already in the pool of tenant '" + owner + "'");
                }
                String ehlo = EhloNames.expand(ehloPattern, address);
                if (DomainName.problemWith(ehlo, 2) != null) {
                    throw entry.required("ehlo").error("EHLO name '" + ehlo + "' for " + ip + " is not a valid host name");
                }
                addresses.add(new SendingAddress(address, ehlo));
            }
        }
        if (addresses.isEmpty()) {
            throw map.required("ip-pool").error("tenant '" + tenantId + "' needs at least one sending address");
        }
        return addresses;
    }

    private static String domain(ConfigMap map, String key) {
        String value = map.string(key).toLowerCase(java.util.Locale.ROOT);
        String problem = DomainName.problemWith(value, 2);
        if (problem != null) {
            throw map.required(key).error("'" + value + "' is not a valid domain name (" + problem
                    + "; write internationalized names in their xn-- form)");
        }
        return value;
    }
}

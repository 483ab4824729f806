package com.emailengine.fleet.ec2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node's sending network interfaces on EC2, each with the addresses the fleet plan put on it (their home
 * interface), and how many private addresses one interface may carry: the instance type's limit, the
 * interface's primary address included. Where an address moved here goes is decided by {@link #placeFor}.
 */
public record NodeInterfaces(List<SendingInterface> interfaces, int addressesPerInterface) {

    /** One interface: its id ({@code eni-…}) and the addresses planned on it. */
    public record SendingInterface(String id, List<String> home) {

        public SendingInterface {
            home = List.copyOf(home);
        }
    }

    private static final Pattern INTERFACE_ID = Pattern.compile("eni-[0-9a-f]{8,32}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public NodeInterfaces {
        interfaces = List.copyOf(interfaces);
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("a node on EC2 has at least one sending interface");
        }
        if (addressesPerInterface < 1) {
            throw new IllegalArgumentException("addresses per interface must be at least 1, got " + addressesPerInterface);
        }
    }

    public List<String> ids() {
        return interfaces.stream().map(SendingInterface::id).toList();
    }

    /** Every address planned on these interfaces. */
    public Set<String> home() {
        Set<String> all = new HashSet<>();
        interfaces.forEach(i -> all.addAll(i.home()));
        return all;
    }

    /**
     * The interface to put {@code ip} on, given the addresses each carries now: its home interface when
     * {@code ip} is one of this node's own and that interface has room, else the first interface with room.
     * An interface's room is its limit minus what it carries minus its own home addresses that are away now
     * (taken over by another node): their slots are kept for their return, or a node could never take its
     * addresses back once it had taken over others.
     *
     * @param carried interface id to the private addresses it carries now (primary included)
     */
    public Optional<String> placeFor(String ip, Map<String, List<String>> carried) {
        List<SendingInterface> order = new ArrayList<>();
        interfaces.stream().filter(i -> i.home().contains(ip)).forEach(order::add);
        interfaces.stream().filter(i -> !i.home().contains(ip)).forEach(order::add);
        for (SendingInterface candidate : order) {
            List<String> now = carried.getOrDefault(candidate.id(), List.of());
            long away = candidate.home().stream().filter(h -> !h.equals(ip) && !now.contains(h)).count();
            if (now.size() + away < addressesPerInterface) {
                return Optional.of(candidate.id());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the setting's form {@code eni-1=10.0.0.5,10.0.0.6;eni-2=10.0.0.7}, with the per-interface limit
     * from another setting; an error names {@code setting}.
     */
    public static NodeInterfaces parse(String setting, String value, int addressesPerInterface) {
        List<SendingInterface> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : value.split(";")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int equals = text.indexOf('=');
            String id = equals < 0 ? text : text.substring(0, equals).strip();
            if (equals < 0 || !INTERFACE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("setting " + setting + " must be eni-ID=IP,IP;eni-ID=IP,…, got '" + text + "'");
            }
            List<String> addresses = new ArrayList<>();
            for (String address : text.substring(equals + 1).split(",")) {
                String ip = address.strip();
                if (!isIpv4(ip)) {
                    throw new IllegalArgumentException("setting " + setting + ": '" + ip + "' on " + id + " is not an IPv4 address");
                }
                if (!seen.add(ip)) {
                    throw new IllegalArgumentException("setting " + setting + ": " + ip + " is on two interfaces");
                }
                addresses.add(ip);
            }
            if (addresses.size() > addressesPerInterface) {
                throw new IllegalArgumentException("setting " + setting + ": " + id + " has " + addresses.size()
                        + " addresses, more than the " + addressesPerInterface + " an interface can carry");
            }
            parsed.add(new SendingInterface(id, addresses));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("setting " + setting + " names no interface");
        }
        return new NodeInterfaces(parsed, addressesPerInterface);
    }

    private static boolean isIpv4(String text) {
        var matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        for (int group = 1; group <= 4; group++) {
            if (Integer.parseInt(matcher.group(group)) > 255) {
                return false;
            }
        }
        return true;
    }
}

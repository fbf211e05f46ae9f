package dev.atsrelay.dispatcher.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard's rules: which destinations a webhook may reach. Only http and https; no loopback, private,
 * link-local, CGNAT, multicast, reserved, unspecified or cloud-metadata address ({@link SpecialAddresses}), however
 * it is spelled or wrapped; unless the operator allows it. An allowed host name allows whatever it resolves to; an
 * allowed IP or CIDR block allows that address under any host name. Pure, and never resolves a name itself:
 * {@link #check(URI)} is the early, clear refusal, {@link #check(String, InetAddress)} judges the address a
 * connection is actually about to be made to, which is what makes a DNS rebinding fail.
 */
final class AddressPolicy {

    /** Allowed, or refused with a reason for the attempt log. */
    record Decision(boolean allowed, String reason) {

        static final Decision ALLOWED = new Decision(true, null);

        static Decision refused(String reason) {
            return new Decision(false, reason);
        }
    }

    private final Set<String> hosts = new HashSet<>();
    private final List<IpRange> ranges = new ArrayList<>();

    /** @param allow host names, IP addresses and CIDR blocks, v4 or v6; empty = strict */
    AddressPolicy(Collection<String> allow) {
        for (String entry : allow) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            IpRange range = IpRange.parseOrNull(e);
            if (range != null) {
                ranges.add(range);
            } else if (IpLiteral.looksNumeric(e) || !e.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("cannot allow " + e + ": not a host name, IP address or CIDR block");
            } else {
                hosts.add(name(e));
            }
        }
    }

    /** The URL alone: its scheme, and its host when that is an IP address. A host name passes until it is resolved. */
    Decision check(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Decision.refused("scheme " + (scheme == null ? "(none)" : scheme) + " is not allowed: only http and https");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            // java.net.URI takes no host from e.g. http://127.1/ (a numeric last label): judge what a client would
            String authority = authorityHost(url);
            return authority != null && IpLiteral.looksNumeric(authority) ? numeric(authority)
                    : Decision.refused("the URL has no valid host");
        }
        byte[] literal = IpLiteral.parse(host);
        if (literal != null) {
            return check(host, literal);
        }
        if (IpLiteral.looksNumeric(host)) {
            return numeric(host);
        }
        return Decision.ALLOWED;
    }

    /** The address a connection to {@code host} (as the URL named it; may be null) is about to be made to. */
    Decision check(String host, InetAddress connected) {
        return check(host, connected.getAddress());
    }

    private Decision check(String host, byte[] address) {
        if (host != null && hosts.contains(name(host)) || allowed(address)) {
            return Decision.ALLOWED;
        }
        String why = SpecialAddresses.why(address);
        if (why == null) {
            return Decision.ALLOWED;
        }
        String shown = IpLiteral.format(address);
        byte[] hostAddress = host == null ? null : IpLiteral.parse(host);
        boolean sameAsHost = host == null || hostAddress != null && java.util.Arrays.equals(hostAddress, address);
        return Decision.refused(shown + (sameAsHost ? "" : " (" + host + ")") + " is " + why);
    }

    private boolean allowed(byte[] address) {
        byte[] v4 = SpecialAddresses.isMapped(address) ? java.util.Arrays.copyOfRange(address, 12, 16) : null;
        return ranges.stream().anyMatch(r -> r.contains(address) || v4 != null && r.contains(v4));
    }

    /** Resolvers disagree on {@code 2130706433}, {@code 0x7f.1} or {@code 127.1}: refused, naming what it may mean. */
    private static Decision numeric(String host) {
        byte[] address = IpLiteral.parseLoose(host);
        if (address == null) {
            return Decision.refused("host " + host + " is neither a valid IP address nor a host name");
        }
        String shown = IpLiteral.format(address);
        String why = SpecialAddresses.why(address);
        return Decision.refused(why != null
                ? "host " + host + " means " + shown + ", which is " + why
                : "host " + host + " is an ambiguous spelling of " + shown + ": write the address as " + shown);
    }

    private static String authorityHost(URI url) {
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        return colon >= 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static String name(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}

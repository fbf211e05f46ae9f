package dev.atsrelay.dispatcher.webhook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses no webhook may reach, and why (the IANA special-purpose registries, RFC 6890, plus the clouds'
 * metadata services). Judged on the raw bytes, so every spelling and every IPv6 wrapping of an address is judged
 * alike: {@code Inet6Address} does not see {@code ::ffff:127.0.0.1} as loopback, this class does.
 */
final class SpecialAddresses {

    private record Block(IpRange range, String why) {
    }

    /** An IPv6 form that carries an IPv4 address at {@code offset}; {@code publicV4Passes}: usable when that is public. */
    private record Embedding(IpRange range, String form, int offset, boolean publicV4Passes) {
    }

    private static final IpRange MAPPED = IpRange.of("::ffff:0:0/96");

    private static final List<Block> V4 = blocks(
            "169.254.169.254", "a cloud metadata address",
            "168.63.129.16", "a cloud platform address (Azure WireServer)",
            "0.0.0.0/8", "an unspecified (\"this network\") address",
            "127.0.0.0/8", "a loopback address",
            "10.0.0.0/8", "a private address (RFC 1918)",
            "172.16.0.0/12", "a private address (RFC 1918)",
            "192.168.0.0/16", "a private address (RFC 1918)",
            "100.64.0.0/10", "a shared carrier-grade NAT address (RFC 6598)",
            "169.254.0.0/16", "a link-local address",
            "192.0.0.0/24", "a special-purpose address (IETF protocol assignments)",
            "192.0.2.0/24", "a documentation address",
            "198.51.100.0/24", "a documentation address",
            "203.0.113.0/24", "a documentation address",
            "198.18.0.0/15", "a benchmarking address (RFC 2544)",
            "192.88.99.0/24", "a 6to4 relay anycast address",
            "224.0.0.0/4", "a multicast address",
            "255.255.255.255", "the broadcast address",
            "240.0.0.0/4", "a reserved address (240.0.0.0/4)");

    private static final List<Block> V6 = blocks(
            "fd00:ec2::254", "a cloud metadata address",
            "::", "the unspecified address",
            "::1", "a loopback address",
            "64:ff9b:1::/48", "a local-use NAT64 address (RFC 8215)",
            "100::/64", "a discard-only address (RFC 6666)",
            "2001::/32", "a Teredo tunnel address",
            "2001::/23", "a special-purpose address (IETF protocol assignments)",
            "2001:db8::/32", "a documentation address",
            "3fff::/20", "a documentation address",
            "fc00::/7", "a unique local address (fc00::/7)",
            "fec0::/10", "a site-local address",
            "fe80::/10", "a link-local address",
            "ff00::/8", "a multicast address");

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(MAPPED, "an IPv4-mapped form of", 12, true),
            new Embedding(IpRange.of("64:ff9b::/96"), "a NAT64 form of", 12, true),
            new Embedding(IpRange.of("2002::/16"), "a 6to4 form of", 2, true),
            new Embedding(IpRange.of("::/96"), "a (deprecated) IPv4-compatible form of", 12, false));

    private static final IpRange GLOBAL_UNICAST = IpRange.of("2000::/3");

    private SpecialAddresses() {
    }

    /** Why {@code address} (4 or 16 bytes) may not be reached, or null for an ordinary public address. */
    static String why(byte[] address) {
        if (address.length == 4) {
            return find(V4, address);
        }
        String special = find(V6, address);
        if (special != null) {
            return special;
        }
        for (Embedding e : EMBEDDINGS) {
            if (e.range().contains(address)) {
                byte[] v4 = Arrays.copyOfRange(address, e.offset(), e.offset() + 4);
                String inner = find(V4, v4);
                if (inner != null || !e.publicV4Passes()) {
                    return e.form() + " " + IpLiteral.format(v4) + (inner == null ? "" : ", " + inner);
                }
                return null;
            }
        }
        return GLOBAL_UNICAST.contains(address) ? null : "not a global unicast address (outside 2000::/3)";
    }

    /** {@code ::ffff:a.b.c.d}: an IPv4 address as an IPv6 socket carries it. */
    static boolean isMapped(byte[] address) {
        return MAPPED.contains(address);
    }

    private static String find(List<Block> blocks, byte[] address) {
        for (Block b : blocks) {
            if (b.range().contains(address)) {
                return b.why();
            }
        }
        return null;
    }

    private static List<Block> blocks(String... rangeThenWhy) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < rangeThenWhy.length; i += 2) {
            out.add(new Block(IpRange.of(rangeThenWhy[i]), rangeThenWhy[i + 1]));
        }
        return List.copyOf(out);
    }
}

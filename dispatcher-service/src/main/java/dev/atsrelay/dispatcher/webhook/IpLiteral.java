package dev.atsrelay.dispatcher.webhook;

import java.util.Locale;

/**
 * IP addresses as text, parsed and written without any name lookup: {@code InetAddress.getByName} resolves whatever
 * it cannot parse, and the SSRF guard must never send a DNS query of its own.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The bytes of a canonical IPv4 address ({@code a.b.c.d}, no leading zeros) or an IPv6 address (brackets and a
     * zone id allowed), or null when {@code text} is not one (a host name, or an odd numeric spelling).
     */
    static byte[] parse(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = s.indexOf('%');
        if (s.indexOf(':') >= 0) {
            return v6(zone >= 0 ? s.substring(0, zone) : s);
        }
        return zone >= 0 ? null : v4(s);
    }

    /** Whether a host is numeric (its last label all digits or 0x-hex): no DNS name is, so it is an IP spelling. */
    static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !last.isEmpty() && (all(last, 10) || last.startsWith("0x") && all(last.substring(2), 16));
    }

    /**
     * An IPv4 address in any spelling {@code inet_aton} accepts ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1},
     * {@code 127.1}), or null. Some resolvers and libraries read these as addresses, others as names.
     */
    static byte[] parseLoose(String host) {
        String[] parts = (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i]);
            long max = i < parts.length - 1 ? 255 : (1L << (8 * (5 - parts.length))) - 1;
            if (part < 0 || part > max) {
                return null;
            }
            value = i < parts.length - 1 ? value | part << (8 * (3 - i)) : value | part;
        }
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static long number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        int radix = p.startsWith("0x") ? 16 : p.length() > 1 && p.startsWith("0") ? 8 : 10;
        String digits = radix == 16 ? p.substring(2) : radix == 8 ? p.substring(1) : p;
        if (digits.isEmpty() || digits.length() > 11 || !all(digits, radix)) {
            return -1;
        }
        return Long.parseLong(digits, radix);
    }

    private static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0'
                    || !all(p, 10) || Integer.parseInt(p) > 255) {
                return null;
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    private static byte[] v6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? s : s.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2), true);
        if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 16 - 2 * (tail.length - i);
            out[at] = (byte) (tail[i] >> 8);
            out[at + 1] = (byte) tail[i];
        }
        return out;
    }

    /** 16-bit groups separated by colons; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String part, boolean lastMayBeV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int n = pieces.length;
        boolean v4 = lastMayBeV4 && pieces[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < (v4 ? n - 1 : n); i++) {
            String p = pieces[i];
            if (p.isEmpty() || p.length() > 4 || !all(p, 16)) {
                return null;
            }
            out[i] = Integer.parseInt(p, 16);
        }
        if (v4) {
            byte[] quad = v4(pieces[n - 1]);
            if (quad == null) {
                return null;
            }
            out[n - 1] = (quad[0] & 0xff) << 8 | quad[1] & 0xff;
            out[n] = (quad[2] & 0xff) << 8 | quad[3] & 0xff;
        }
        return out;
    }

    /** Whether every character is an ASCII digit of {@code radix} (Character.digit alone accepts other scripts' digits). */
    private static boolean all(String s, int radix) {
        return s.chars().allMatch(c -> c < 128 && Character.digit(c, radix) >= 0);
    }

    /** {@code a.b.c.d}, or IPv6 as RFC 5952 writes it ({@code ::1}, {@code ::ffff:127.0.0.1}). */
    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        if (SpecialAddresses.isMapped(a)) {
            return "::ffff:" + format(java.util.Arrays.copyOfRange(a, 12, 16));
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        int bestAt = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestAt = i;
                bestLength = j - i;
            }
            i = Math.max(i, j - 1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                out.append("::");
                i += bestLength - 1;
            } else {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(g[i]));
            }
        }
        return out.toString();
    }
}

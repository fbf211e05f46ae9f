package dev.atsrelay.dispatcher.webhook;

/** A block of addresses, {@code 10.0.0.0/8} or {@code fc00::/7}; a single address is a block of one. */
record IpRange(byte[] network, int prefix) {

    /** Null when {@code text} is neither an IP address nor a CIDR block (a host name). */
    static IpRange parseOrNull(String text) {
        int slash = text.indexOf('/');
        byte[] address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        if (slash < 0) {
            return new IpRange(address, bits);
        }
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(length) > bits) {
            throw new IllegalArgumentException(text + " is not a valid CIDR block");
        }
        return new IpRange(address, Integer.parseInt(length));
    }

    static IpRange of(String text) {
        IpRange range = parseOrNull(text);
        if (range == null) {
            throw new IllegalArgumentException(text + " is not an IP address or CIDR block");
        }
        return range;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefix;
    }
}

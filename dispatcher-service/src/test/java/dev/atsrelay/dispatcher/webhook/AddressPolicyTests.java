package dev.atsrelay.dispatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard's rules, on address values only: nothing here connects or resolves a name. Addresses are built from
 * bytes or from numeric literals ({@code InetAddress.getByName} of a numeric literal does no lookup).
 */
class AddressPolicyTests {

    private static final AddressPolicy STRICT = new AddressPolicy(List.of());

    private static byte[] bytes(String literal) {
        byte[] b = IpLiteral.parse(literal);
        assertThat(b).as(literal).isNotNull();
        return b;
    }

    /** As Netty builds it: an IPv4-mapped address stays an Inet6Address, unlike InetAddress.getByName's. */
    private static InetAddress address(String literal) throws UnknownHostException {
        byte[] b = bytes(literal);
        return b.length == 4 ? InetAddress.getByAddress(b) : Inet6Address.getByAddress(null, b, -1);
    }

    private static String refusal(AddressPolicy.Decision d) {
        assertThat(d.allowed()).as("refused").isFalse();
        return d.reason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0         | 0.0.0.0 is an unspecified (\"this network\") address",
            "0.1.2.3         | 0.1.2.3 is an unspecified (\"this network\") address",
            "127.0.0.1       | 127.0.0.1 is a loopback address",
            "127.255.0.9     | 127.255.0.9 is a loopback address",
            "10.1.2.3        | 10.1.2.3 is a private address (RFC 1918)",
            "172.16.0.1      | 172.16.0.1 is a private address (RFC 1918)",
            "172.31.255.255  | 172.31.255.255 is a private address (RFC 1918)",
            "192.168.1.1     | 192.168.1.1 is a private address (RFC 1918)",
            "100.64.0.1      | 100.64.0.1 is a shared carrier-grade NAT address (RFC 6598)",
            "100.127.255.254 | 100.127.255.254 is a shared carrier-grade NAT address (RFC 6598)",
            "169.254.169.254 | 169.254.169.254 is a cloud metadata address",
            "169.254.1.1     | 169.254.1.1 is a link-local address",
            "168.63.129.16   | 168.63.129.16 is a cloud platform address (Azure WireServer)",
            "192.0.0.192     | 192.0.0.192 is a special-purpose address (IETF protocol assignments)",
            "192.0.2.10      | 192.0.2.10 is a documentation address",
            "198.18.0.1      | 198.18.0.1 is a benchmarking address (RFC 2544)",
            "224.0.0.1       | 224.0.0.1 is a multicast address",
            "239.255.255.250 | 239.255.255.250 is a multicast address",
            "240.0.0.1       | 240.0.0.1 is a reserved address (240.0.0.0/4)",
            "255.255.255.255 | 255.255.255.255 is the broadcast address"})
    void refusesEverySpecialIPv4Range(String address, String reason) throws Exception {
        assertThat(refusal(STRICT.check("hooks.example.com", address(address))))
                .isEqualTo(reason.replaceFirst(" is ", " (hooks.example.com) is "));
        assertThat(refusal(STRICT.check(address, address(address)))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "::                    | :: is the unspecified address",
            "::1                   | ::1 is a loopback address",
            "fd00:ec2::254         | fd00:ec2::254 is a cloud metadata address",
            "fc00::1               | fc00::1 is a unique local address (fc00::/7)",
            "fd12:3456::1          | fd12:3456::1 is a unique local address (fc00::/7)",
            "fe80::1               | fe80::1 is a link-local address",
            "febf::1               | febf::1 is a link-local address",
            "fec0::1               | fec0::1 is a site-local address",
            "ff02::1               | ff02::1 is a multicast address",
            "100::1                | 100::1 is a discard-only address (RFC 6666)",
            "2001:db8::1           | 2001:db8::1 is a documentation address",
            "2001:0:4136:e378::1   | 2001:0:4136:e378::1 is a Teredo tunnel address",
            "64:ff9b:1::a00:1      | 64:ff9b:1::a00:1 is a local-use NAT64 address (RFC 8215)",
            "4000::1               | 4000::1 is not a global unicast address (outside 2000::/3)",
            "::ffff:127.0.0.1      | ::ffff:127.0.0.1 is an IPv4-mapped form of 127.0.0.1, a loopback address",
            "::ffff:169.254.169.254 | ::ffff:169.254.169.254 is an IPv4-mapped form of 169.254.169.254, a cloud metadata address",
            "::ffff:a00:1          | ::ffff:10.0.0.1 is an IPv4-mapped form of 10.0.0.1, a private address (RFC 1918)",
            "64:ff9b::a9fe:a9fe    | 64:ff9b::a9fe:a9fe is a NAT64 form of 169.254.169.254, a cloud metadata address",
            "2002:7f00:1::1        | 2002:7f00:1::1 is a 6to4 form of 127.0.0.1, a loopback address",
            "2002:c0a8:101::       | 2002:c0a8:101:: is a 6to4 form of 192.168.1.1, a private address (RFC 1918)",
            "::127.0.0.1           | ::7f00:1 is a (deprecated) IPv4-compatible form of 127.0.0.1, a loopback address",
            "::8.8.8.8             | ::808:808 is a (deprecated) IPv4-compatible form of 8.8.8.8"})
    void refusesEverySpecialIPv6RangeAndUnwrapsEmbeddedIPv4(String address, String reason) throws Exception {
        assertThat(refusal(STRICT.check(null, address(address)))).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddressesInAnyForm(String address) throws Exception {
        assertThat(STRICT.check("hooks.example.com", address(address)).allowed()).isTrue();
    }

    @Test
    void seesTheLoopbackThatJavaMissesInAMappedAddressAsNettyBuildsIt() throws Exception {
        InetAddress mapped = address("::ffff:127.0.0.1");
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(mapped.isLoopbackAddress()).as("Java's own test misses it").isFalse();
        assertThat(refusal(STRICT.check("[::ffff:127.0.0.1]", mapped))).contains("a loopback address");
    }

    @Test
    void judgesWhatAHostNameResolvedToAndNamesBoth() throws Exception {
        assertThat(refusal(STRICT.check("rebound.example.com", address("10.0.0.7"))))
                .isEqualTo("10.0.0.7 (rebound.example.com) is a private address (RFC 1918)");
        assertThat(STRICT.check("rebound.example.com", address("93.184.216.34")).allowed()).isTrue();
    }

    @Test
    void ignoresIPv6ZoneIds() throws Exception {
        var scoped = Inet6Address.getByAddress(null, bytes("fe80::1"), 2);
        assertThat(refusal(STRICT.check(null, scoped))).isEqualTo("fe80::1 is a link-local address");
        assertThat(refusal(STRICT.check(URI.create("http://[fe80::1%25eth0]:8080/hook")))).isEqualTo("fe80::1 is a link-local address");
        assertThat(refusal(STRICT.check(URI.create("http://[fe80::1%eth0]/")))).contains("a link-local address");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://hooks.example.com/x      | scheme ftp is not allowed: only http and https",
            "file:///etc/passwd             | scheme file is not allowed: only http and https",
            "gopher://hooks.example.com:70/ | scheme gopher is not allowed: only http and https",
            "//hooks.example.com/x          | scheme (none) is not allowed: only http and https",
            "http:///x                      | the URL has no valid host",
            "http://exa_mple.com/           | the URL has no valid host"})
    void refusesOtherSchemesAndHostlessUrls(String url, String reason) {
        assertThat(refusal(STRICT.check(URI.create(url)))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a cloud metadata address",
            "http://10.1.2.3:8080/hook                | 10.1.2.3 is a private address (RFC 1918)",
            "https://[::1]:8443/                      | ::1 is a loopback address",
            "http://[0:0:0:0:0:0:0:1]/                | ::1 is a loopback address",
            "http://[fd00:ec2::254]/                  | fd00:ec2::254 is a cloud metadata address",
            "http://[::ffff:127.0.0.1]:9000/          | ::ffff:127.0.0.1 is an IPv4-mapped form of 127.0.0.1, a loopback address",
            "http://hooks.example.com@127.0.0.1/      | 127.0.0.1 is a loopback address",
            "http://u:p@192.168.0.1:80/               | 192.168.0.1 is a private address (RFC 1918)"})
    void refusesAnIpLiteralInTheUrlAtOnce(String url, String reason) {
        assertThat(refusal(STRICT.check(URI.create(url)))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://2130706433/          | host 2130706433 means 127.0.0.1, which is a loopback address",
            "http://017700000001/        | host 017700000001 means 127.0.0.1, which is a loopback address",
            "http://0x7f.1/              | host 0x7f.1 means 127.0.0.1, which is a loopback address",
            "http://127.1:8080/          | host 127.1 means 127.0.0.1, which is a loopback address",
            "http://0177.0.0.1/          | host 0177.0.0.1 means 127.0.0.1, which is a loopback address",
            "http://0251.0376.0251.0376/ | host 0251.0376.0251.0376 means 169.254.169.254, which is a cloud metadata address",
            "http://2852039166/          | host 2852039166 means 169.254.169.254, which is a cloud metadata address",
            "http://134744072/           | host 134744072 is an ambiguous spelling of 8.8.8.8: write the address as 8.8.8.8",
            "http://1.2.3.4.5/           | host 1.2.3.4.5 is neither a valid IP address nor a host name",
            "http://99999999999/         | host 99999999999 is neither a valid IP address nor a host name"})
    void refusesOddNumericSpellingsNamingWhatTheyMean(String url, String reason) {
        assertThat(refusal(STRICT.check(URI.create(url)))).isEqualTo(reason);
    }

    @Test
    void judgesOddSpellingsByTheAddressTheyResolveTo() throws Exception {
        // numeric literals: InetAddress parses these itself, without a lookup
        assertThat(refusal(STRICT.check("2130706433", InetAddress.getByName("2130706433"))))
                .isEqualTo("127.0.0.1 (2130706433) is a loopback address");
        assertThat(refusal(STRICT.check("127.1", InetAddress.getByName("127.1")))).contains("a loopback address");
    }

    @Test
    void letsHostNamesPassUntilTheyAreResolved() {
        assertThat(STRICT.check(URI.create("https://hooks.example.com/x")).allowed()).isTrue();
        assertThat(STRICT.check(URI.create("HTTP://Hooks.Example.COM./x")).allowed()).isTrue();
        assertThat(STRICT.check(URI.create("http://8.8.8.8:8080/")).allowed()).isTrue();
    }

    @Test
    void anAllowedHostNameAllowsWhateverItResolvesTo() throws Exception {
        var policy = new AddressPolicy(List.of("localhost", "Hooks.Internal."));
        assertThat(policy.check("localhost", address("127.0.0.1")).allowed()).isTrue();
        assertThat(policy.check("LOCALHOST.", address("::1")).allowed()).isTrue();
        assertThat(policy.check("hooks.internal", address("10.0.0.5")).allowed()).isTrue();
        assertThat(refusal(policy.check("evil.example.com", address("127.0.0.1")))).contains("a loopback address");
        assertThat(refusal(policy.check(URI.create("http://127.0.0.1/")))).as("the address, not the name").contains("loopback");
    }

    @Test
    void anAllowedAddressOrBlockIsAllowedUnderAnyName() throws Exception {
        var policy = new AddressPolicy(List.of(" 127.0.0.1 ", "[::1]", "10.0.0.0/8", "fd00::/8", ""));
        assertThat(policy.check(URI.create("http://127.0.0.1:4321/hook")).allowed()).isTrue();
        assertThat(policy.check("anything.example.com", address("127.0.0.1")).allowed()).isTrue();
        assertThat(policy.check(null, address("::ffff:127.0.0.1")).allowed()).as("its mapped form too").isTrue();
        assertThat(policy.check(URI.create("http://[::1]:4321/")).allowed()).isTrue();
        assertThat(policy.check(null, address("10.255.1.2")).allowed()).isTrue();
        assertThat(policy.check(null, address("fd12::1")).allowed()).isTrue();
        assertThat(refusal(policy.check(null, address("127.0.0.2")))).isEqualTo("127.0.0.2 is a loopback address");
        assertThat(policy.check(null, address("11.0.0.1")).allowed()).as("public anyway").isTrue();
        assertThat(refusal(policy.check(null, address("172.16.0.1")))).contains("RFC 1918");
        assertThat(refusal(policy.check(null, address("fc00::1")))).contains("unique local");
        assertThat(refusal(policy.check(null, address("169.254.169.254")))).contains("cloud metadata");
    }

    @Test
    void anAllowListNeverLiftsTheSchemeRuleNorAmbiguousSpellings() {
        var policy = new AddressPolicy(List.of("localhost", "127.0.0.1"));
        assertThat(refusal(policy.check(URI.create("ftp://localhost/")))).startsWith("scheme ftp");
        assertThat(refusal(policy.check(URI.create("http://2130706433/")))).contains("means 127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "http://x", "1.2.3", "0x7f.1", "host name"})
    void rejectsAnAllowListEntryItCannotRead(String entry) {
        assertThatThrownBy(() -> new AddressPolicy(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "fe80::1", "2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1", "1::", "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe"})
    void writesIPv6AsRfc5952Does(String text) {
        assertThat(IpLiteral.format(bytes(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7", "1::2::3", ":::", "12345::", "::g", "1.2.3.04", "256.0.0.1", "1.2.3", "::1.2.3"})
    void parsesNoMalformedLiteral(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }
}

package dev.formbridge.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which IP addresses a delivery may connect to: only the public internet. IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they lead to.
 */
final class AddressRules {

    /** What kind of address it is, with the words used in refusal messages. */
    enum Kind {
        PUBLIC("a public address"),
        LOOPBACK("a loopback address"),
        PRIVATE("a private address"),
        LINK_LOCAL("a link-local address (used by cloud metadata services)"),
        MULTICAST("a multicast address"),
        RESERVED("a reserved address");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    private record Block(byte[] prefix, int bits, Kind kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int fullBytes = bits / 8;
            int restBits = bits % 8;
            if (!Arrays.equals(address, 0, fullBytes, prefix, 0, fullBytes)) {
                return false;
            }
            int mask = 0xFF << (8 - restBits);
            return restBits == 0 || (address[fullBytes] & mask) == (prefix[fullBytes] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, Kind.RESERVED),
            block("10.0.0.0", 8, Kind.PRIVATE),
            block("100.64.0.0", 10, Kind.PRIVATE), // carrier-grade NAT
            block("127.0.0.0", 8, Kind.LOOPBACK),
            block("169.254.0.0", 16, Kind.LINK_LOCAL),
            block("172.16.0.0", 12, Kind.PRIVATE),
            block("192.0.0.0", 24, Kind.RESERVED),
            block("192.0.2.0", 24, Kind.RESERVED),
            block("192.88.99.0", 24, Kind.RESERVED), // former 6to4 relay anycast
            block("192.168.0.0", 16, Kind.PRIVATE),
            block("198.18.0.0", 15, Kind.RESERVED),
            block("198.51.100.0", 24, Kind.RESERVED),
            block("203.0.113.0", 24, Kind.RESERVED),
            block("224.0.0.0", 4, Kind.MULTICAST),
            block("240.0.0.0", 4, Kind.RESERVED)); // includes 255.255.255.255

    private static final Block IPV4_MAPPED = ipv4Mapped();
    private static final Block IPV4_COMPATIBLE = block("::", 96, Kind.RESERVED); // also :: and ::1
    private static final Block NAT64 = block("64:ff9b::", 96, Kind.RESERVED);
    private static final Block SIX_TO_FOUR = block("2002::", 16, Kind.RESERVED);

    private static final List<Block> IPV6 = List.of(
            block("64:ff9b:1::", 48, Kind.PRIVATE), // local-use NAT64
            block("2001::", 23, Kind.RESERVED), // protocol assignments, incl. Teredo 2001::/32
            block("2001:db8::", 32, Kind.RESERVED),
            block("3fff::", 20, Kind.RESERVED),
            block("fc00::", 7, Kind.PRIVATE),
            block("fe80::", 10, Kind.LINK_LOCAL),
            block("fec0::", 10, Kind.PRIVATE),
            block("ff00::", 8, Kind.MULTICAST));

    private static final byte[] IPV6_LOOPBACK = InetAddress.ofLiteral("::1").getAddress();
    private static final Block GLOBAL_UNICAST = block("2000::", 3, Kind.PUBLIC);

    private AddressRules() {}

    static boolean isPublic(InetAddress address) {
        return kindOf(address) == Kind.PUBLIC;
    }

    static Kind kindOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? kindOfIpv4(bytes) : kindOfIpv6(bytes);
    }

    private static Kind kindOfIpv4(byte[] bytes) {
        return IPV4.stream()
                .filter(block -> block.contains(bytes))
                .map(Block::kind)
                .findFirst()
                .orElse(Kind.PUBLIC);
    }

    private static Kind kindOfIpv6(byte[] bytes) {
        if (IPV4_MAPPED.contains(bytes) || NAT64.contains(bytes)) {
            return kindOfIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (IPV4_COMPATIBLE.contains(bytes)) {
            // ::1 would read as 0.0.0.1 (reserved); name it what it is
            return Arrays.equals(bytes, IPV6_LOOPBACK) ? Kind.LOOPBACK : kindOfIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return kindOfIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        for (Block block : IPV6) {
            if (block.contains(bytes)) {
                return block.kind();
            }
        }
        // outside 2000::/3 nothing is assigned for global unicast
        return GLOBAL_UNICAST.contains(bytes) ? Kind.PUBLIC : Kind.RESERVED;
    }

    private static Block block(String literal, int bits, Kind kind) {
        return new Block(InetAddress.ofLiteral(literal).getAddress(), bits, kind);
    }

    /** {@code ::ffff:0:0/96}, spelled as bytes: {@link InetAddress#ofLiteral} would turn it into an IPv4 address. */
    private static Block ipv4Mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xFF;
        prefix[11] = (byte) 0xFF;
        return new Block(prefix, 96, Kind.RESERVED);
    }
}

package io.meterflow.hub.pollbench;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Where each meter of the farm is reached. Linux delivers all of 127.0.0.0/8 to the loopback
 * interface, so every simulated meter gets an address of its own, {@code 127.<block>.<hi>.<lo>},
 * and one listening socket on the wildcard address serves them all: the address a connection
 * came in on names the meter. Its own address also makes each meter a link of its own for the
 * hub's per-link limit, as real meters on their own modems are. The last byte runs from 1 to 250,
 * so no address ends in 0 or 255.
 */
final class FarmAddresses {

    static final int PER_GROUP = 250;
    static final int CAPACITY = 256 * PER_GROUP;

    private final int block;

    /** @param block the second byte of the addresses, 1 to 254 (127.0.x.x holds 127.0.0.1) */
    FarmAddresses(int block) {
        if (block < 1 || block > 254) {
            throw new IllegalArgumentException("the farm's address block must be from 1 to 254 (127.<block>.x.y), was " + block);
        }
        this.block = block;
    }

    String host(int meter) {
        if (meter < 0 || meter >= CAPACITY) {
            throw new IllegalArgumentException("a farm holds at most " + CAPACITY + " meters");
        }
        return "127." + block + "." + (meter / PER_GROUP) + "." + (1 + meter % PER_GROUP);
    }

    /** The meter an address names, or -1 when it is not an address of the farm. */
    int meterAt(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return -1;
        }
        byte[] a = address.getAddress();
        int lo = a[3] & 0xFF;
        if (a[0] != 127 || (a[1] & 0xFF) != block || lo < 1 || lo > PER_GROUP) {
            return -1;
        }
        return (a[2] & 0xFF) * PER_GROUP + lo - 1;
    }
}

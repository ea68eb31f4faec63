package io.meterflow.dlms.axdr;

import java.util.Arrays;

/**
 * A DLMS bit-string: a number of bits, the first bit in the most significant bit of the first byte.
 *
 * @param bits  number of significant bits
 * @param bytes the bits packed, {@code ceil(bits / 8)} bytes
 */
public record BitString(int bits, byte[] bytes) {

    public BitString {
        if (bits < 0 || bytes == null || bytes.length != (bits + 7) / 8) {
            throw new IllegalArgumentException("bit-string of " + bits + " bits needs " + (bits + 7) / 8 + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean get(int index) {
        if (index < 0 || index >= bits) {
            throw new IndexOutOfBoundsException("bit " + index + " of " + bits);
        }
        return (bytes[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitString other && bits == other.bits && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * bits + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bits);
        for (int i = 0; i < bits; i++) {
            sb.append(get(i) ? '1' : '0');
        }
        return sb.toString();
    }
}

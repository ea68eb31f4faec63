package io.meterflow.hub.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class WrapperFramesTest {

    private static byte[] frame(int apduLength, int fill) {
        byte[] f = new byte[8 + apduLength];
        f[1] = 1; // version 1
        f[3] = 1; // source wPort 1
        f[5] = 0x10; // destination wPort 16
        f[6] = (byte) (apduLength >> 8);
        f[7] = (byte) apduLength;
        for (int i = 8; i < f.length; i++) {
            f[i] = (byte) (fill + i);
        }
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Every list the decoder passed on, as hex frames. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> lists(EmbeddedChannel ch) {
        List<List<String>> all = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            List<String> one = new ArrayList<>();
            for (byte[] f : (List<byte[]>) m) {
                one.add(HexFormat.of().formatHex(f));
            }
            all.add(one);
        }
        return all;
    }

    @Test
    void theFramesOfOneReadArePassedOnTogetherInOrder() {
        byte[] a = frame(3, 1);
        byte[] b = frame(0, 2);
        byte[] c = frame(300, 3);
        EmbeddedChannel ch = new EmbeddedChannel(new WrapperFrames());
        ch.writeInbound(Unpooled.wrappedBuffer(concat(a, b, c)));
        assertThat(lists(ch)).containsExactly(List.of(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b),
                HexFormat.of().formatHex(c)));
    }

    @Test
    void aFrameCutByTheReadWaitsForTheRestOfItsBytes() {
        byte[] a = frame(5, 1);
        byte[] b = frame(600, 2);
        byte[] stream = concat(a, b);
        EmbeddedChannel ch = new EmbeddedChannel(new WrapperFrames());
        // a and the first 4 bytes of b's header; then b's header and half its APDU; then the rest
        ch.writeInbound(Unpooled.wrappedBuffer(stream, 0, a.length + 4));
        assertThat(lists(ch)).containsExactly(List.of(HexFormat.of().formatHex(a)));
        ch.writeInbound(Unpooled.wrappedBuffer(stream, a.length + 4, 304));
        assertThat(lists(ch)).isEmpty();
        ch.writeInbound(Unpooled.wrappedBuffer(stream, a.length + 308, stream.length - a.length - 308));
        assertThat(lists(ch)).containsExactly(List.of(HexFormat.of().formatHex(b)));
    }

    @Test
    void aStreamReadOneByteAtATimeGivesEveryFrameOnce() {
        byte[] a = frame(2, 1);
        byte[] b = frame(65_535, 2); // the longest APDU the length field can give
        byte[] stream = concat(a, b, a);
        EmbeddedChannel ch = new EmbeddedChannel(new WrapperFrames());
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, 1));
            lists(ch).forEach(seen::addAll);
        }
        assertThat(seen).containsExactly(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b), HexFormat.of().formatHex(a));
    }
}

package io.meterflow.dlms.hdlc;

import io.meterflow.dlms.axdr.Hex;
import io.meterflow.model.DecodeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HdlcFrameTest {

    @Test
    void addressesOfOneTwoAndFourBytes() {
        for (HdlcAddress a : List.of(HdlcAddress.client(16), HdlcAddress.server(1, 17), HdlcAddress.server(1, 0x3FFF),
                HdlcAddress.server(0x123, 0x45))) {
            byte[] enc = a.encode();
            assertThat(enc).hasSize(a.size());
            assertThat(HdlcAddress.decode(enc, 0, enc.length)).isEqualTo(a);
        }
        assertThat(HdlcAddress.server(1, 0x3FFF).size()).isEqualTo(4);
    }

    @Test
    void everyFrameKindRoundTrips() {
        HdlcAddress meter = HdlcAddress.server(1, 17);
        HdlcAddress client = HdlcAddress.client(16);
        for (int control : new int[] {HdlcFrame.SNRM, HdlcFrame.UA, HdlcFrame.DISC, HdlcFrame.DM, HdlcFrame.FRMR,
                HdlcFrame.UI, HdlcFrame.controlRr(3, true), HdlcFrame.controlRnr(2, false),
                HdlcFrame.controlI(5, 6, true)}) {
            HdlcFrame f = new HdlcFrame(false, meter, client, control, control == HdlcFrame.UI ? new byte[] {1, 2} : null);
            assertThat(HdlcFrame.decode(f.encode())).isEqualTo(f);
        }
        assertThat(new HdlcFrame(false, meter, client, HdlcFrame.controlRnr(2, false), null).kind())
                .isEqualTo(HdlcFrame.Kind.RNR);
        assertThat(new HdlcFrame(false, meter, client, HdlcFrame.controlI(5, 6, true), null).sendSequence()).isEqualTo(5);
    }

    @Test
    void parametersOfTheUaVectorAreRead() {
        HdlcFrame ua = HdlcFrame.decode(Hex.parse("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E"));
        HdlcParameters p = HdlcParameters.decode(ua.information());
        assertThat(p).isEqualTo(new HdlcParameters(154, 154, 1, 1));
        assertThat(Hex.of(p.encode())).isEqualTo("81801205019A06019A070400000001080400000001");
        assertThat(HdlcParameters.decode(new byte[0])).isEqualTo(HdlcParameters.DEFAULT);
        assertThat(HdlcParameters.decode(new HdlcParameters(512, 256, 1, 1).encode()).maxInfoTransmit()).isEqualTo(512);
    }

    @Test
    void checksumsAreVerified() {
        byte[] ok = Hex.parse("7EA00802232193BD647E");
        assertThat(HdlcFrame.decode(ok).kind()).isEqualTo(HdlcFrame.Kind.SNRM);
        byte[] bad = ok.clone();
        bad[7] ^= 1;
        assertThatThrownBy(() -> HdlcFrame.decode(bad)).isInstanceOf(DecodeException.class).hasMessageContaining("FCS");
    }

    @Test
    void streamsWithSharedFlagsAndJunkAreSplit() {
        HdlcFrame a = new HdlcFrame(true, HdlcAddress.client(16), HdlcAddress.server(1, 17), HdlcFrame.UI, new byte[] {9});
        HdlcFrame b = new HdlcFrame(false, HdlcAddress.client(16), HdlcAddress.server(1, 17), HdlcFrame.UI, new byte[] {7});
        byte[] ea = a.encode();
        byte[] eb = b.encode();
        byte[] stream = new byte[3 + ea.length + eb.length - 1];
        stream[0] = 0x7E;
        stream[1] = (byte) 0xA0;
        System.arraycopy(ea, 0, stream, 2, ea.length);
        System.arraycopy(eb, 1, stream, 2 + ea.length, eb.length - 1);
        assertThat(HdlcStream.split(java.util.Arrays.copyOf(stream, stream.length - 1))).containsExactly(a, b);
    }
}

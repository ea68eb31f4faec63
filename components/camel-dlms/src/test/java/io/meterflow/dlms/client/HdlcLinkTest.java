package io.meterflow.dlms.client;

import io.meterflow.dlms.SimulatedMeters;
import io.meterflow.dlms.apdu.Aare;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.Conformance;
import io.meterflow.dlms.apdu.InitiateResponse;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.hdlc.FrameReject;
import io.meterflow.dlms.hdlc.HdlcAddress;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcFrameReader;
import io.meterflow.dlms.hdlc.HdlcParameters;
import io.meterflow.dlms.link.MemoryLine;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.ObisCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HDLC session on a byte stream that is not TCP: an in-memory line standing in for a serial
 * port, against the simulator and against scripted meters that answer with FRMR, DM or RR.
 */
class HdlcLinkTest {

    private static final byte[] PASSWORD = "12345678".getBytes(StandardCharsets.US_ASCII);

    private static Thread serve(MeterSimulator meter, MemoryLine line) {
        Thread t = new Thread(() -> meter.serveHdlc(line.meterIn(), line.meterOut()), "simulated-serial-meter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void associatesReadsAndReleasesOverAStreamLink() throws Exception {
        MeterSimulator meter = new MeterSimulator(new ServerSettings(Authentication.LOW, PASSWORD, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 256),
                SimulatedMeters.objects(), true);
        MemoryLine line = new MemoryLine(2000);
        Thread served = serve(meter, line);
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        DlmsClient c = new DlmsClient(transport, ClientSettings.low(PASSWORD));
        c.associate();
        assertThat(transport.connected()).isTrue();
        assertThat(c.get(3, SimulatedMeters.ENERGY_IMPORT, 2).longValue()).isEqualTo(1234567);
        List<DataResult> list = c.getList(List.of(AttributeDescriptor.of(1, SimulatedMeters.SERIAL, 2),
                AttributeDescriptor.of(3, SimulatedMeters.VOLTAGE_L1, 2)));
        assertThat(list.get(0).data().text()).isEqualTo("MTF0000001");
        assertThat(list.get(1).data().longValue()).isEqualTo(2301);
        // a day of profile rows: HDLC segments (128-byte frames) inside a block transfer (256-byte PDUs)
        DlmsData rows = c.profile(SimulatedMeters.LOAD_PROFILE,
                CosemDateTime.of(SimulatedMeters.PROFILE_START.atOffset(ZoneOffset.UTC)),
                CosemDateTime.of(SimulatedMeters.PROFILE_START.plusSeconds(86_399).atOffset(ZoneOffset.UTC)));
        assertThat(rows.items()).hasSize(SimulatedMeters.PROFILE_ROWS);
        assertThat(rows.items().get(95).items().get(1).longValue()).isEqualTo(100_000L + 25 * 95);
        c.release();
        assertThat(transport.connected()).isFalse();
        served.join(3000);
        assertThat(served.isAlive()).as("the meter sees the line closed").isFalse();
    }

    /** A meter that answers each frame it receives with what the script returns (null: no answer). */
    private static List<HdlcFrame> scripted(MemoryLine line, Function<HdlcFrame, List<HdlcFrame>> script) {
        List<HdlcFrame> received = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            HdlcFrameReader in = new HdlcFrameReader(line.meterIn());
            OutputStream out = line.meterOut();
            try {
                while (true) {
                    HdlcFrame f = in.next();
                    received.add(f);
                    for (HdlcFrame answer : script.apply(f)) {
                        out.write(answer.encode());
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // line closed
            }
        }, "scripted-meter");
        t.setDaemon(true);
        t.start();
        return received;
    }

    private static final HdlcAddress CLIENT = HdlcAddress.client(16);
    private static final HdlcAddress METER = HdlcAddress.server(1, 17);

    private static HdlcFrame reply(int control, byte[] info) {
        return new HdlcFrame(false, CLIENT, METER, control, info);
    }

    private static HdlcFrame ua() {
        return reply(HdlcFrame.UA, HdlcParameters.DEFAULT.encode());
    }

    @Test
    void frameRejectIsReportedWithItsReasonAndTheLinkIsReset() throws Exception {
        MemoryLine line = new MemoryLine(2000);
        List<HdlcFrame> seen = scripted(line, f -> switch (f.kind()) {
            case SNRM, DISC -> List.of(ua());
            case I -> List.of(reply(HdlcFrame.FRMR, new FrameReject(f.control(), 0, 0, false, false, false, true, false)
                    .encode()));
            default -> List.of();
        });
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        transport.open();
        assertThatThrownBy(() -> transport.exchange(new byte[] {(byte) 0xC0, 1, 0x41}))
                .isInstanceOf(HdlcLinkException.class)
                .hasMessageContaining("FRMR: information field too long")
                .hasMessageContaining("rejected control 0x10")
                .hasMessageContaining("the link was reset with SNRM")
                .satisfies(e -> assertThat(((HdlcLinkException) e).frame()).isEqualTo("FRMR"));
        assertThat(transport.connected()).isTrue();
        transport.close();
        assertThat(seen).extracting(HdlcFrame::kind).containsExactly(HdlcFrame.Kind.SNRM, HdlcFrame.Kind.I,
                HdlcFrame.Kind.SNRM, HdlcFrame.Kind.DISC);
    }

    @Test
    void afterFrameRejectTheClientDoesNotSendARelease() throws Exception {
        MemoryLine line = new MemoryLine(2000);
        byte[] aare = new Aare(false, Aare.ACCEPTED, 0, null, 0, null,
                new InitiateResponse(6, Conformance.DEFAULT, 128, 7).encode()).encode();
        byte[] llcAare = new byte[aare.length + 3];
        llcAare[0] = (byte) 0xE6;
        llcAare[1] = (byte) 0xE7;
        System.arraycopy(aare, 0, llcAare, 3, aare.length);
        int[] iFrames = {0};
        List<HdlcFrame> seen = scripted(line, f -> switch (f.kind()) {
            case SNRM, DISC -> List.of(ua());
            // the AARQ is accepted; the first GET is rejected
            case I -> iFrames[0]++ == 0 ? List.of(reply(HdlcFrame.controlI(0, 1, true), llcAare))
                    : List.of(reply(HdlcFrame.FRMR, new FrameReject(f.control(), 1, 1, false, true, false, false, false)
                    .encode()));
            default -> List.of();
        });
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        DlmsClient c = new DlmsClient(transport, ClientSettings.none());
        c.associate();
        assertThat(transport.linkUp()).isTrue();
        assertThatThrownBy(() -> c.get(3, SimulatedMeters.ENERGY_IMPORT, 2)).isInstanceOf(HdlcLinkException.class)
                .hasMessageContaining("control field undefined or not implemented");
        assertThat(transport.linkUp()).isFalse();
        c.release();
        assertThat(seen).extracting(HdlcFrame::kind).as("no RLRQ on the reset link, only DISC")
                .containsExactly(HdlcFrame.Kind.SNRM, HdlcFrame.Kind.I, HdlcFrame.Kind.I, HdlcFrame.Kind.SNRM,
                        HdlcFrame.Kind.DISC);
    }

    @Test
    void disconnectedModeAnswerToSnrmIsAClearError() {
        MemoryLine line = new MemoryLine(2000);
        scripted(line, f -> List.of(reply(HdlcFrame.DM, null)));
        DlmsClient c = new DlmsClient(new HdlcTransport(line.headEnd(), 16, 1, 17), ClientSettings.none());
        assertThatThrownBy(c::associate).isInstanceOf(HdlcLinkException.class)
                .hasMessageContaining("answered SNRM with DM").hasMessageContaining("refuses the link");
    }

    @Test
    void disconnectedModeDuringAnExchangeEndsTheLink() throws Exception {
        MemoryLine line = new MemoryLine(2000);
        scripted(line, f -> f.kind() == HdlcFrame.Kind.SNRM ? List.of(ua()) : List.of(reply(HdlcFrame.DM, null)));
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        transport.open();
        assertThatThrownBy(() -> transport.exchange(new byte[] {0x62, 0}))
                .isInstanceOf(HdlcLinkException.class).hasMessageContaining("sent DM");
        assertThat(transport.connected()).isFalse();
        assertThatThrownBy(() -> transport.exchange(new byte[] {0x62, 0}))
                .isInstanceOf(HdlcLinkException.class).hasMessageContaining("not connected");
        transport.close();
    }

    @Test
    void anIFrameTheMeterDidNotReceiveIsSentAgain() throws Exception {
        MemoryLine line = new MemoryLine(2000);
        int[] iFrames = {0};
        List<HdlcFrame> seen = scripted(line, f -> switch (f.kind()) {
            case SNRM, DISC -> List.of(ua());
            // the first copy is "lost": RR with N(R)=0 says the meter still waits for frame 0
            case I -> iFrames[0]++ == 0 ? List.of(reply(HdlcFrame.controlRr(0, true), null))
                    : List.of(reply(HdlcFrame.controlI(0, 1, true), new byte[] {(byte) 0xE6, (byte) 0xE7, 0, 0x63, 0}));
            default -> List.of();
        });
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        transport.open();
        assertThat(transport.exchange(new byte[] {0x62, 0})).containsExactly(0x63, 0);
        transport.close();
        List<HdlcFrame> iSeen = seen.stream().filter(f -> f.kind() == HdlcFrame.Kind.I).toList();
        assertThat(iSeen).hasSize(2);
        assertThat(iSeen.get(1).sendSequence()).isEqualTo(iSeen.get(0).sendSequence()).isZero();
    }

    @Test
    void aLostResponseIsRecoveredByPollingTheMeter() throws Exception {
        MemoryLine line = new MemoryLine(300);
        List<HdlcFrame> seen = scripted(line, f -> switch (f.kind()) {
            case SNRM, DISC -> List.of(ua());
            // the answer to the request is "lost"; the poll brings it
            case I -> List.of();
            case RR -> List.of(reply(HdlcFrame.controlI(0, 1, true), new byte[] {(byte) 0xE6, (byte) 0xE7, 0, 0x63, 0}));
            default -> List.of();
        });
        HdlcTransport transport = new HdlcTransport(line.headEnd(), 16, 1, 17);
        transport.open();
        assertThat(transport.exchange(new byte[] {0x62, 0})).containsExactly(0x63, 0);
        transport.close();
        assertThat(seen).extracting(HdlcFrame::kind).containsExactly(HdlcFrame.Kind.SNRM, HdlcFrame.Kind.I,
                HdlcFrame.Kind.RR, HdlcFrame.Kind.DISC);
        assertThat(seen.get(2).pollFinal()).isTrue();
        assertThat(seen.get(2).receiveSequence()).isZero();
    }

    @Test
    void theSimulatorSendsALostAnswerAgainWithoutRunningTheRequestTwice() throws Exception {
        ObisCode counterObject = ObisCode.of(0, 0, 96, 50, 0, 255);
        int[] invocations = {0};
        io.meterflow.dlms.server.CosemObjects objects = SimulatedMeters.objects().method(1, counterObject, 1, p -> {
            invocations[0]++;
            return new io.meterflow.dlms.apdu.ActionResponse.Single(0, null);
        });
        MeterSimulator meter = new MeterSimulator(new ServerSettings(Authentication.LOW, PASSWORD, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 1024), objects, true);
        MemoryLine line = new MemoryLine(300);
        List<String> lost = new ArrayList<>();
        // the line loses the first frame carrying an action-response and the first carrying a
        // get-response-with-datablock (the start of the profile's block transfer)
        OutputStream lossy = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                line.meterOut().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                String hex = io.meterflow.dlms.axdr.Hex.of(java.util.Arrays.copyOfRange(b, off, off + len)).toUpperCase();
                for (String marker : List.of("E6E700C7", "E6E700C402")) {
                    if (hex.contains(marker) && !lost.contains(marker)) {
                        lost.add(marker);
                        return;
                    }
                }
                line.meterOut().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                line.meterOut().flush();
            }
        };
        Thread t = new Thread(() -> meter.serveHdlc(line.meterIn(), lossy), "lossy-serial-meter");
        t.setDaemon(true);
        t.start();
        DlmsClient c = new DlmsClient(new HdlcTransport(line.headEnd(), 16, 1, 17), ClientSettings.low(PASSWORD));
        c.associate();
        assertThat(c.action(AttributeDescriptor.of(1, counterObject, 1), null).result()).isZero();
        assertThat(invocations[0]).as("the lost answer is sent again, the method is not run again").isEqualTo(1);
        DlmsData rows = c.profile(SimulatedMeters.LOAD_PROFILE,
                CosemDateTime.of(SimulatedMeters.PROFILE_START.atOffset(ZoneOffset.UTC)),
                CosemDateTime.of(SimulatedMeters.PROFILE_START.plusSeconds(86_399).atOffset(ZoneOffset.UTC)));
        assertThat(rows.items()).hasSize(SimulatedMeters.PROFILE_ROWS);
        assertThat(lost).containsExactly("E6E700C7", "E6E700C402");
        c.release();
    }

    @Test
    void theSimulatorRejectsAFrameItDoesNotImplement() throws Exception {
        MeterSimulator meter = new MeterSimulator(new ServerSettings(Authentication.NONE, null, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 1024), SimulatedMeters.objects(), true);
        MemoryLine line = new MemoryLine(2000);
        serve(meter, line);
        var link = line.headEnd();
        link.output().write(new HdlcFrame(false, METER, CLIENT, HdlcFrame.SNRM, HdlcParameters.DEFAULT.encode()).encode());
        HdlcFrameReader in = new HdlcFrameReader(link.input());
        assertThat(in.next().kind()).isEqualTo(HdlcFrame.Kind.UA);
        link.output().write(new HdlcFrame(false, METER, CLIENT, HdlcFrame.UI, new byte[] {1}).encode());
        HdlcFrame frmr = in.next();
        assertThat(frmr.kind()).isEqualTo(HdlcFrame.Kind.FRMR);
        FrameReject r = FrameReject.decode(frmr.information());
        assertThat(r.invalidControl()).isTrue();
        assertThat(r.rejectedControl()).isEqualTo(HdlcFrame.UI);
        link.close();
    }

    @Test
    void frameRejectFieldSurvivesEncodeAndDecode() {
        FrameReject r = new FrameReject(0x32, 5, 3, true, false, true, false, true);
        assertThat(FrameReject.decode(r.encode())).isEqualTo(r);
        assertThat(FrameReject.decode(new byte[] {1})).isNull();
        assertThat(r.reason()).contains("information field not permitted", "invalid N(R)", "V(S)=5 V(R)=3");
    }
}

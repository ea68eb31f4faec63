package io.meterflow.dlms.client;

import io.meterflow.dlms.SimulatedMeters;
import io.meterflow.dlms.apdu.ActionRequest;
import io.meterflow.dlms.apdu.ActionResponse;
import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.DataBlock;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.apdu.SetRequest;
import io.meterflow.dlms.apdu.SetResponse;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.server.CosemObjects;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.ObisCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SET and ACTION with block transfer and with-list, client against the simulator: the meter
 * announces a 128-byte receive PDU, so long values and parameters go in blocks, and long action
 * responses come back in blocks.
 */
class SetActionBlockTransferTest {

    private static final byte[] PASSWORD = "12345678".getBytes(StandardCharsets.US_ASCII);
    private static final ObisCode NOTE = ObisCode.of(0, 0, 96, 13, 0, 255);
    private static final ObisCode IMAGE_TRANSFER = ObisCode.of(0, 0, 44, 0, 0, 255);
    private static final ObisCode NOWHERE = ObisCode.of(0, 0, 99, 99, 99, 255);

    /** Records the request APDUs: tag and choice of each. */
    private static final class Recording implements DlmsTransport {
        final DlmsTransport inner;
        final List<String> sent = new ArrayList<>();

        Recording(DlmsTransport inner) {
            this.inner = inner;
        }

        @Override
        public void open() throws IOException {
            inner.open();
        }

        @Override
        public byte[] exchange(byte[] request) throws IOException {
            sent.add(String.format("%02X%02X", request[0], request.length > 1 ? request[1] : 0));
            return inner.exchange(request);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        long count(String tagAndChoice) {
            return sent.stream().filter(tagAndChoice::equals).count();
        }
    }

    private static CosemObjects objects(List<Integer> imageBlockSizes) {
        CosemObjects o = SimulatedMeters.objects();
        o.data(NOTE, DlmsData.octets(new byte[0]));
        // image_block_transfer-like method: takes structure{block number, octets}, keeps the size
        o.method(18, IMAGE_TRANSFER, 2, p -> {
            if (p.type() != DataType.STRUCTURE || p.items().size() != 2) {
                return new ActionResponse.Single(DataResult.TYPE_UNMATCHED, null);
            }
            imageBlockSizes.add(p.items().get(1).bytes().length);
            return new ActionResponse.Single(0, null);
        });
        // an echo: returns its parameters, so a long parameter gives a long response
        o.method(1, NOTE, 1, p -> new ActionResponse.Single(0, DataResult.of(p)));
        return o;
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private interface Session {
        void run(DlmsClient c, Recording t, List<Integer> imageBlocks) throws Exception;
    }

    private static void withMeter(boolean hdlc, boolean ciphered, Session session) throws Exception {
        List<Integer> imageBlocks = new ArrayList<>();
        try (MeterSimulator meter = new MeterSimulator(new ServerSettings(Authentication.LOW, PASSWORD, ciphered,
                ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 128),
                objects(imageBlocks), hdlc)) {
            int port = meter.start();
            Recording t = new Recording(hdlc ? new HdlcTransport("127.0.0.1", port, 16, 1, 17, 5000)
                    : new WrapperTransport("127.0.0.1", port, 16, 1, 5000));
            DlmsClient c = new DlmsClient(t, new ClientSettings(Authentication.LOW, PASSWORD, ciphered,
                    ClientSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 0xFFFF));
            c.associate();
            session.run(c, t, imageBlocks);
            c.release();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLongValueIsSetInBlocksAndReadBack(boolean hdlc) throws Exception {
        withMeter(hdlc, false, (c, t, images) -> {
            byte[] value = pattern(600);
            assertThat(c.set(AttributeDescriptor.of(1, NOTE, 2), DlmsData.octets(value))).isZero();
            assertThat(t.count("C102")).as("set-request-with-first-datablock").isEqualTo(1);
            assertThat(t.count("C103")).as("set-request-with-datablock").isGreaterThanOrEqualTo(5);
            assertThat(c.get(1, NOTE, 2).bytes()).isEqualTo(value);
        });
    }

    @Test
    void aLongValueIsSetInBlocksUnderGloCiphering() throws Exception {
        withMeter(false, true, (c, t, images) -> {
            byte[] value = pattern(300);
            assertThat(c.set(AttributeDescriptor.of(1, NOTE, 2), DlmsData.octets(value))).isZero();
            assertThat(t.sent).filteredOn(s -> s.startsWith("C9")).hasSizeGreaterThan(3);
            assertThat(c.get(1, NOTE, 2).bytes()).isEqualTo(value);
        });
    }

    @Test
    void setWithListShortAndLong() throws Exception {
        withMeter(false, false, (c, t, images) -> {
            List<Integer> results = c.setList(List.of(AttributeDescriptor.of(3, SimulatedMeters.POWER_IMPORT, 2),
                            AttributeDescriptor.of(1, NOWHERE, 2)),
                    List.of(DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 42), DlmsData.NULL));
            assertThat(results).containsExactly(DataResult.SUCCESS, DataResult.OBJECT_UNDEFINED);
            assertThat(t.count("C104")).isEqualTo(1);
            assertThat(c.get(3, SimulatedMeters.POWER_IMPORT, 2).longValue()).isEqualTo(42);

            byte[] note = pattern(400);
            results = c.setList(List.of(AttributeDescriptor.of(1, NOTE, 2), AttributeDescriptor.of(1, SimulatedMeters.SERIAL, 2)),
                    List.of(DlmsData.octets(note), DlmsData.visible("MTF0000099")));
            assertThat(results).containsExactly(0, 0);
            assertThat(t.count("C105")).as("with-list-and-first-datablock").isEqualTo(1);
            assertThat(c.get(1, NOTE, 2).bytes()).isEqualTo(note);
            assertThat(c.get(1, SimulatedMeters.SERIAL, 2).text()).isEqualTo("MTF0000099");
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void longActionParametersAndResponsesGoInBlocks(boolean hdlc) throws Exception {
        withMeter(hdlc, false, (c, t, images) -> {
            byte[] image = pattern(500);
            ActionResponse r = c.action(AttributeDescriptor.of(18, IMAGE_TRANSFER, 2), DlmsData.structure(
                    DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 0), DlmsData.octets(image)));
            assertThat(r.result()).isZero();
            assertThat(images).containsExactly(500);
            assertThat(t.count("C304")).as("action-request-with-first-pblock").isEqualTo(1);
            assertThat(t.count("C306")).as("action-request-with-pblock").isGreaterThanOrEqualTo(4);

            byte[] echo = pattern(450);
            ActionResponse e = c.action(AttributeDescriptor.of(1, NOTE, 1), DlmsData.octets(echo));
            assertThat(e.result()).isZero();
            assertThat(e.returnParameters().data().bytes()).isEqualTo(echo);
            assertThat(t.count("C302")).as("action-request-next-pblock").isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void actionWithListShortAndLong() throws Exception {
        withMeter(false, false, (c, t, images) -> {
            List<ActionResponse.Single> r = c.actionList(List.of(AttributeDescriptor.of(3, SimulatedMeters.ENERGY_IMPORT, 1),
                            AttributeDescriptor.of(1, NOTE, 1), AttributeDescriptor.of(3, NOWHERE, 1)),
                    java.util.Arrays.asList(DlmsData.integer(DataType.INTEGER, 0), DlmsData.visible("hi"), null));
            assertThat(r).extracting(ActionResponse.Single::result).containsExactly(0, 0, DataResult.OBJECT_UNDEFINED);
            assertThat(r.get(1).returnParameters().data().text()).isEqualTo("hi");
            assertThat(c.get(3, SimulatedMeters.ENERGY_IMPORT, 2).longValue()).as("register reset").isZero();
            assertThat(t.count("C303")).isEqualTo(1);

            byte[] big = pattern(300);
            r = c.actionList(List.of(AttributeDescriptor.of(1, NOTE, 1), AttributeDescriptor.of(18, IMAGE_TRANSFER, 2)),
                    List.of(DlmsData.octets(big), DlmsData.structure(DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 1),
                            DlmsData.octets(pattern(50)))));
            assertThat(r).extracting(ActionResponse.Single::result).containsExactly(0, 0);
            assertThat(r.get(0).returnParameters().data().bytes()).isEqualTo(big);
            assertThat(images).containsExactly(50);
            assertThat(t.count("C305")).as("with-list-and-first-pblock").isEqualTo(1);
            assertThat(t.count("C302")).as("the long response fetched by next-pblock").isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void theMeterRefusesBlocksOutOfSequence() throws Exception {
        withMeter(false, false, (c, t, images) -> {
            SetResponse none = SetResponse.decode(t.exchange(SetRequest.block(0x41,
                    new DataBlock(true, 1, new byte[] {0})).encode()));
            assertThat(none.kind()).isEqualTo(SetResponse.LAST_DATABLOCK);
            assertThat(none.result()).as("no-long-set-in-progress").isEqualTo(18);
            SetResponse first = SetResponse.decode(t.exchange(SetRequest.firstBlock(0x42, AttributeDescriptor.of(1, NOTE, 2),
                    new DataBlock(false, 1, new byte[] {0x09, 0x02})).encode()));
            assertThat(first.kind()).isEqualTo(SetResponse.DATABLOCK);
            assertThat(first.blockNumber()).isEqualTo(1);
            SetResponse skipped = SetResponse.decode(t.exchange(SetRequest.block(0x42,
                    new DataBlock(true, 3, new byte[] {1, 2})).encode()));
            assertThat(skipped.result()).as("data-block-number-invalid").isEqualTo(19);
            ActionResponse noAction = ActionResponse.decode(t.exchange(ActionRequest.block(0x43,
                    new DataBlock(true, 2, new byte[] {0})).encode()));
            assertThat(noAction.result()).as("no-long-action-in-progress").isEqualTo(16);
        });
    }

    @Test
    void blockApdusHaveTheirStandardEncoding() {
        AttributeDescriptor clock = AttributeDescriptor.of(8, ObisCode.of(0, 0, 1, 0, 0, 255), 2);
        // Set-Request-With-Datablock: tag, choice 3, invoke-id, last-block, block-number (u32), raw-data
        assertThat(Hex.of(SetRequest.block(0x41, new DataBlock(true, 2, new byte[] {(byte) 0xAA, (byte) 0xBB})).encode()))
                .isEqualToIgnoringCase("C10341010000000202AABB");
        assertThat(Hex.of(SetRequest.firstBlock(0x41, clock, new DataBlock(false, 1, new byte[] {9})).encode()))
                .isEqualToIgnoringCase("C10241" + "0008" + "0000010000FF" + "02" + "00" + "00" + "00000001" + "0109");
        assertThat(Hex.of(new SetResponse(SetResponse.LAST_DATABLOCK, 0x41, List.of(0), 7).encode()))
                .isEqualToIgnoringCase("C503410000000007");
        assertThat(Hex.of(ActionRequest.nextBlock(0x41, 3).encode())).isEqualToIgnoringCase("C3024100000003");
        assertThat(Hex.of(ActionResponse.nextBlock(0x41, 3).encode())).isEqualToIgnoringCase("C7044100000003");
        assertThat(Hex.of(ActionRequest.withList(0x41, List.of(clock), List.of(DlmsData.NULL)).encode()))
                .isEqualToIgnoringCase("C30341" + "01" + "0008" + "0000010000FF" + "02" + "01" + "00");
        // round trips of every choice
        for (SetRequest s : List.of(SetRequest.withList(1, List.of(clock, clock), List.of(DlmsData.NULL, DlmsData.visible("x"))),
                SetRequest.listFirstBlock(2, List.of(clock), new DataBlock(false, 1, new byte[] {1, 2, 3})),
                SetRequest.block(3, new DataBlock(true, 9, new byte[0])))) {
            SetRequest d = SetRequest.decode(s.encode());
            assertThat(d.kind()).isEqualTo(s.kind());
            assertThat(d.attributes()).isEqualTo(s.attributes());
            assertThat(d.values()).isEqualTo(s.values());
            assertThat(d.block()).isEqualTo(s.block());
        }
        for (SetResponse s : List.of(new SetResponse(SetResponse.DATABLOCK, 1, List.of(), 4),
                new SetResponse(SetResponse.LAST_DATABLOCK_WITH_LIST, 1, List.of(0, 3), 5),
                new SetResponse(SetResponse.WITH_LIST, 1, List.of(4, 0, 0), 0))) {
            assertThat(SetResponse.decode(s.encode())).isEqualTo(s);
        }
        for (ActionRequest a : List.of(ActionRequest.firstBlock(1, clock, new DataBlock(false, 1, new byte[] {5})),
                ActionRequest.listFirstBlock(2, List.of(clock, clock), new DataBlock(true, 1, new byte[] {6})),
                ActionRequest.block(3, new DataBlock(true, 2, new byte[] {7})), ActionRequest.nextBlock(4, 11))) {
            ActionRequest d = ActionRequest.decode(a.encode());
            assertThat(d.kind()).isEqualTo(a.kind());
            assertThat(d.methods()).isEqualTo(a.methods());
            assertThat(d.block()).isEqualTo(a.block());
            assertThat(d.blockNumber()).isEqualTo(a.blockNumber());
        }
        ActionResponse list = ActionResponse.withList(1, List.of(new ActionResponse.Single(0, DataResult.of(DlmsData.visible("a"))),
                new ActionResponse.Single(4, null)));
        assertThat(ActionResponse.decode(list.encode()).responses()).isEqualTo(list.responses());
        ActionResponse block = ActionResponse.block(1, new DataBlock(false, 2, new byte[] {1}));
        assertThat(ActionResponse.decode(block.encode()).block()).isEqualTo(block.block());
    }
}

package io.meterflow.dlms.client;

import io.meterflow.dlms.apdu.Aare;
import io.meterflow.dlms.apdu.Aarq;
import io.meterflow.dlms.apdu.ActionRequest;
import io.meterflow.dlms.apdu.ActionResponse;
import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.apdu.Conformance;
import io.meterflow.dlms.apdu.ConfirmedServiceError;
import io.meterflow.dlms.apdu.DataBlock;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.apdu.ExceptionResponse;
import io.meterflow.dlms.apdu.GetRequest;
import io.meterflow.dlms.apdu.GetResponse;
import io.meterflow.dlms.apdu.InitiateRequest;
import io.meterflow.dlms.apdu.InitiateResponse;
import io.meterflow.dlms.apdu.Release;
import io.meterflow.dlms.apdu.SetRequest;
import io.meterflow.dlms.apdu.SetResponse;
import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.security.SecuritySuite0;
import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A DLMS/COSEM client session with logical name referencing: association (no security, LLS,
 * HLS-GMAC; optionally glo-ciphered), GET (normal, with-list, block transfer), SET and ACTION
 * (normal, with-list, block transfer) and release. Not thread-safe: one session per meter connection.
 */
public class DlmsClient implements Closeable {

    public static final ObisCode CLOCK = ObisCode.of(0, 0, 1, 0, 0, 255);
    public static final ObisCode CURRENT_ASSOCIATION = ObisCode.of(0, 0, 40, 0, 0, 255);
    /** Upper bound of blocks in one long GET, so a misbehaving meter cannot keep a session forever. */
    private static final int MAX_BLOCKS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DlmsTransport transport;
    private final ClientSettings settings;
    private long invocationCounter = 1;
    private long serverCounter = -1;
    private byte[] serverSystemTitle;
    private int invokeId;
    private boolean associated;
    private InitiateResponse negotiated;

    public DlmsClient(DlmsTransport transport, ClientSettings settings) {
        this.transport = transport;
        this.settings = settings;
    }

    public InitiateResponse negotiated() {
        return negotiated;
    }

    /** Opens the link and associates. */
    public void associate() throws IOException {
        transport.open();
        byte[] challenge = null;
        byte[] authValue = null;
        Authentication auth = settings.authentication();
        if (auth == Authentication.LOW) {
            authValue = settings.password();
        } else if (auth == Authentication.HIGH_GMAC) {
            challenge = new byte[16];
            RANDOM.nextBytes(challenge);
            authValue = challenge;
        }
        byte[] initiate = new InitiateRequest(null, 6, Conformance.DEFAULT, settings.maxReceivePdu()).encode();
        boolean needsTitle = settings.ciphered() || auth == Authentication.HIGH_GMAC;
        if (settings.ciphered()) {
            initiate = CipheredApdu.serviceSpecific(false, settings.systemTitle(), 0x30, invocationCounter++, initiate,
                    settings.encryptionKey(), settings.authenticationKey()).encode();
        }
        Aarq aarq = new Aarq(settings.ciphered(), needsTitle ? settings.systemTitle() : null, auth.mechanism(),
                authValue, initiate);
        byte[] response = transport.exchange(aarq.encode());
        Aare aare;
        try {
            aare = Aare.decode(response);
        } catch (DecodeException e) {
            throw new DlmsException("meter answered the AARQ with " + describe(response), e);
        }
        if (!aare.accepted()) {
            throw new DlmsException("association rejected: result " + aare.result() + ", diagnostic "
                    + aare.diagnostic() + (aare.diagnostic() == Aare.AUTHENTICATION_FAILURE ? " (authentication failure)" : ""));
        }
        serverSystemTitle = aare.respondingApTitle();
        byte[] user = aare.userInformation();
        if (user == null) {
            throw new DlmsException("AARE carries no InitiateResponse");
        }
        if (settings.ciphered()) {
            user = unprotect(user);
        }
        if ((user[0] & 0xFF) == ApduTag.CONFIRMED_SERVICE_ERROR) {
            throw new DlmsException("association refused: " + ConfirmedServiceError.decode(user));
        }
        negotiated = InitiateResponse.decode(user);
        if (auth == Authentication.HIGH_GMAC) {
            replyToChallenge(aare.authValue(), challenge);
        }
        associated = true;
    }

    private void replyToChallenge(byte[] serverChallenge, byte[] clientChallenge) throws IOException {
        if (serverChallenge == null || serverSystemTitle == null) {
            throw new DlmsException("HLS association without server challenge or system title");
        }
        long ic = invocationCounter++;
        byte[] tag = SecuritySuite0.gmac(0x10, settings.systemTitle(), ic, settings.encryptionKey(),
                settings.authenticationKey(), serverChallenge);
        byte[] f = ByteArraysFor.securityReply(0x10, ic, tag);
        ActionResponse r = action(AttributeDescriptor.of(15, CURRENT_ASSOCIATION, 1), DlmsData.octets(f));
        if (r.result() != 0 || r.returnParameters() == null || !r.returnParameters().ok()) {
            throw new DlmsException("meter rejected the HLS reply (action result " + r.result() + ")");
        }
        byte[] answer = r.returnParameters().data().bytes();
        if (answer.length != 17 || answer[0] != 0x10) {
            throw new DlmsException("meter's HLS answer has the wrong form");
        }
        long serverIc = ((answer[1] & 0xFFL) << 24) | ((answer[2] & 0xFF) << 16) | ((answer[3] & 0xFF) << 8) | (answer[4] & 0xFF);
        byte[] expected = SecuritySuite0.gmac(0x10, serverSystemTitle, serverIc, settings.encryptionKey(),
                settings.authenticationKey(), clientChallenge);
        if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(answer, 5, 17))) {
            throw new DlmsException("meter failed HLS authentication: its answer to our challenge is wrong");
        }
    }

    private int nextInvokeId() {
        invokeId = (invokeId + 1) & 0x0F;
        // priority high (0x80) off, service class confirmed (0x40)
        return 0x40 | invokeId;
    }

    private byte[] request(byte[] apdu) throws IOException {
        byte[] out = apdu;
        if (settings.ciphered()) {
            out = CipheredApdu.serviceSpecific(false, settings.systemTitle(), 0x30, invocationCounter++, apdu,
                    settings.encryptionKey(), settings.authenticationKey()).encode();
        }
        byte[] response = transport.exchange(out);
        if (response.length == 0) {
            throw new DlmsException("empty response");
        }
        if (settings.ciphered() && CipheredApdu.isCiphered(response[0] & 0xFF)) {
            response = unprotect(response);
        }
        int tag = response[0] & 0xFF;
        if (tag == ApduTag.EXCEPTION_RESPONSE) {
            ExceptionResponse e = ExceptionResponse.decode(response);
            throw new DlmsException("meter answered with exception-response: state error " + e.stateError()
                    + ", service error " + e.serviceError());
        }
        if (tag == ApduTag.CONFIRMED_SERVICE_ERROR) {
            throw new DlmsException("meter answered with " + ConfirmedServiceError.decode(response));
        }
        return response;
    }

    private byte[] unprotect(byte[] apdu) {
        CipheredApdu c = CipheredApdu.decode(apdu, 0);
        if (c.invocationCounter() <= serverCounter) {
            throw new DlmsException("replayed response: invocation counter " + c.invocationCounter()
                    + " is not above " + serverCounter);
        }
        byte[] plain = c.plaintext(serverSystemTitle, settings.encryptionKey(), settings.authenticationKey());
        serverCounter = c.invocationCounter();
        return plain;
    }

    /** Reads one attribute; long values arrive by block transfer. */
    public DlmsData get(AttributeDescriptor attribute) throws IOException {
        return new Answer(attribute, getResult(attribute), null).data();
    }

    public DlmsData get(int classId, ObisCode obis, int attribute) throws IOException {
        return get(AttributeDescriptor.of(classId, obis, attribute));
    }

    private DataResult getResult(AttributeDescriptor attribute) throws IOException {
        GetResponse r = GetResponse.decode(request(GetRequest.normal(nextInvokeId(), attribute).encode()));
        if (r.kind() == GetResponse.NORMAL) {
            return r.results().get(0);
        }
        byte[] all = collectBlocks(r);
        AxdrReader reader = new AxdrReader(all);
        return r.kind() == GetResponse.WITH_DATABLOCK ? DataResult.of(reader.data()) : null;
    }

    private byte[] collectBlocks(GetResponse first) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        GetResponse r = first;
        for (int i = 0; i < MAX_BLOCKS; i++) {
            if (r.kind() != GetResponse.WITH_DATABLOCK) {
                throw new DlmsException("expected a data block but got get-response choice " + r.kind());
            }
            if (r.rawData() == null) {
                throw new DlmsException("block transfer failed with data-access-result " + r.blockError());
            }
            if (r.blockNumber() != i + 1) {
                throw new DlmsException("block " + r.blockNumber() + " where block " + (i + 1) + " was expected");
            }
            all.writeBytes(r.rawData());
            if (r.lastBlock()) {
                return all.toByteArray();
            }
            r = GetResponse.decode(request(GetRequest.next(nextInvokeId(), r.blockNumber()).encode()));
        }
        throw new DlmsException("block transfer longer than " + MAX_BLOCKS + " blocks");
    }

    /** Requests of get-with-list carry at most this many attributes; longer lists go in several. */
    public static final int MAX_LIST = 16;

    /** True when the meter accepted the conformance bit (or bits) asked for at association. */
    public boolean supports(int conformance) {
        return negotiated != null && (negotiated.conformance() & conformance) == conformance;
    }

    /**
     * Reads several attributes, an answer for each: with get-request-with-list (up to
     * {@link #MAX_LIST} in a request) when the meter negotiated multiple references, else one
     * request each. A meter that turns down a list (an exception response, a service error or an
     * answer of the wrong length) is asked for those attributes one by one. Every request is a
     * round trip to the meter, which is what a read costs on a slow link; and on the head-end's
     * side every APDU is ciphered, sent and decoded.
     */
    public List<Answer> getAll(List<AttributeDescriptor> attributes) throws IOException {
        List<Answer> out = new ArrayList<>(attributes.size());
        int step = supports(Conformance.MULTIPLE_REFERENCES) ? MAX_LIST : 1;
        for (int from = 0; from < attributes.size(); from += step) {
            List<AttributeDescriptor> part = attributes.subList(from, Math.min(attributes.size(), from + step));
            if (part.size() > 1) {
                try {
                    List<DataResult> results = getList(part);
                    if (results.size() == part.size()) {
                        for (int i = 0; i < part.size(); i++) {
                            out.add(new Answer(part.get(i), results.get(i), null));
                        }
                        continue;
                    }
                } catch (DlmsException turnedDown) {
                    // answered, but not with a list: asked for singly below
                }
            }
            for (AttributeDescriptor a : part) {
                try {
                    out.add(new Answer(a, getResult(a), null));
                } catch (DlmsException refused) {
                    out.add(new Answer(a, null, refused.getMessage()));
                }
            }
        }
        return out;
    }

    /** Reads several attributes in one request. */
    public List<DataResult> getList(List<AttributeDescriptor> attributes) throws IOException {
        byte[] response = request(GetRequest.withList(nextInvokeId(), attributes).encode());
        GetResponse r = GetResponse.decode(response);
        if (r.kind() == GetResponse.WITH_LIST) {
            return r.results();
        }
        byte[] all = collectBlocks(r);
        AxdrReader reader = new AxdrReader(all);
        int n = reader.length("result list");
        List<DataResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int choice = reader.u8("result choice");
            out.add(choice == 0 ? DataResult.of(reader.data()) : DataResult.error(reader.u8("data-access-result")));
        }
        return out;
    }

    /**
     * Writes one attribute; returns the data-access-result. A value whose request would exceed
     * the meter's receive PDU size goes in blocks (set-request-with-first-datablock, -with-datablock).
     */
    public int set(AttributeDescriptor attribute, DlmsData value) throws IOException {
        int invoke = nextInvokeId();
        byte[] normal = new SetRequest(invoke, attribute, value).encode();
        if (normal.length <= sendLimit()) {
            return SetResponse.decode(request(normal)).result();
        }
        return setInBlocks(invoke, AxdrWriter.encode(value), b -> SetRequest.firstBlock(invoke, attribute, b), false)
                .result();
    }

    /** Writes several attributes in one request (with-list, in blocks when long); one result per attribute. */
    public List<Integer> setList(List<AttributeDescriptor> attributes, List<DlmsData> values) throws IOException {
        int invoke = nextInvokeId();
        byte[] normal = SetRequest.withList(invoke, attributes, values).encode();
        SetResponse r = normal.length <= sendLimit() ? SetResponse.decode(request(normal))
                : setInBlocks(invoke, SetRequest.encodeValueList(values),
                b -> SetRequest.listFirstBlock(invoke, attributes, b), true);
        if (r.kind() != SetResponse.WITH_LIST && r.kind() != SetResponse.LAST_DATABLOCK_WITH_LIST) {
            throw new DlmsException("expected a set-response with list but got choice " + r.kind());
        }
        if (r.results().size() != attributes.size()) {
            throw new DlmsException("meter returned " + r.results().size() + " results for " + attributes.size()
                    + " attributes");
        }
        return r.results();
    }

    private SetResponse setInBlocks(int invoke, byte[] data, java.util.function.Function<DataBlock, SetRequest> first,
                                    boolean list) throws IOException {
        List<DataBlock> blocks = DataBlock.split(data, blockSize());
        if (blocks.size() > MAX_BLOCKS) {
            throw new DlmsException("value needs " + blocks.size() + " blocks, more than " + MAX_BLOCKS);
        }
        for (DataBlock b : blocks) {
            SetRequest req = b.blockNumber() == 1 ? first.apply(b) : SetRequest.block(invoke, b);
            SetResponse r = SetResponse.decode(request(req.encode()));
            boolean lastKind = r.kind() == SetResponse.LAST_DATABLOCK || r.kind() == SetResponse.LAST_DATABLOCK_WITH_LIST;
            if (lastKind && (!b.lastBlock() || r.blockNumber() != b.blockNumber())) {
                // the meter ended the long set early: its result says why (e.g. long-set-aborted)
                return r;
            }
            if (!b.lastBlock()) {
                if (r.kind() != SetResponse.DATABLOCK || r.blockNumber() != b.blockNumber()) {
                    throw new DlmsException("meter acknowledged set block " + b.blockNumber() + " with choice "
                            + r.kind() + ", block " + r.blockNumber());
                }
            } else if (!lastKind) {
                throw new DlmsException("expected the last-datablock set-response but got choice " + r.kind());
            }
            if (b.lastBlock()) {
                if (list != (r.kind() == SetResponse.LAST_DATABLOCK_WITH_LIST)) {
                    throw new DlmsException("set-response choice " + r.kind() + " does not match the request");
                }
                return r;
            }
        }
        throw new IllegalStateException("unreachable: the last block returns");
    }

    /**
     * Invokes a method. Parameters too long for one request go in pblocks; a long response is
     * fetched block by block (action-request-next-pblock) and returned as a normal response.
     */
    public ActionResponse action(AttributeDescriptor method, DlmsData parameters) throws IOException {
        int invoke = nextInvokeId();
        byte[] normal = new ActionRequest(invoke, method, parameters).encode();
        ActionResponse r = normal.length <= sendLimit() ? ActionResponse.decode(request(normal))
                : actionInBlocks(invoke, AxdrWriter.encode(parameters == null ? DlmsData.NULL : parameters),
                b -> ActionRequest.firstBlock(invoke, method, b));
        if (r.kind() == ActionResponse.WITH_PBLOCK) {
            return new ActionResponse(ActionResponse.NORMAL, invoke,
                    List.of(ActionResponse.Single.decode(collectActionBlocks(invoke, r))), null, 0);
        }
        if (r.kind() != ActionResponse.NORMAL) {
            throw new DlmsException("expected an action-response but got choice " + r.kind());
        }
        return r;
    }

    /** Invokes several methods in one request; one response per method. */
    public List<ActionResponse.Single> actionList(List<AttributeDescriptor> methods, List<DlmsData> parameters)
            throws IOException {
        int invoke = nextInvokeId();
        byte[] normal = ActionRequest.withList(invoke, methods, parameters).encode();
        ActionResponse r = normal.length <= sendLimit() ? ActionResponse.decode(request(normal))
                : actionInBlocks(invoke, SetRequest.encodeValueList(parameters.stream()
                .map(p -> p == null ? DlmsData.NULL : p).toList()), b -> ActionRequest.listFirstBlock(invoke, methods, b));
        List<ActionResponse.Single> out;
        if (r.kind() == ActionResponse.WITH_PBLOCK) {
            out = ActionResponse.Single.decodeList(collectActionBlocks(invoke, r));
        } else if (r.kind() == ActionResponse.WITH_LIST) {
            out = r.responses();
        } else if (r.kind() == ActionResponse.NORMAL && r.result() != 0) {
            throw new DlmsException("meter refused the action list: action-result " + r.result());
        } else {
            throw new DlmsException("expected an action-response with list but got choice " + r.kind());
        }
        if (out.size() != methods.size()) {
            throw new DlmsException("meter returned " + out.size() + " results for " + methods.size() + " methods");
        }
        return out;
    }

    private ActionResponse actionInBlocks(int invoke, byte[] data, java.util.function.Function<DataBlock, ActionRequest> first)
            throws IOException {
        List<DataBlock> blocks = DataBlock.split(data, blockSize());
        if (blocks.size() > MAX_BLOCKS) {
            throw new DlmsException("parameters need " + blocks.size() + " blocks, more than " + MAX_BLOCKS);
        }
        for (DataBlock b : blocks) {
            ActionRequest req = b.blockNumber() == 1 ? first.apply(b) : ActionRequest.block(invoke, b);
            ActionResponse r = ActionResponse.decode(request(req.encode()));
            if (b.lastBlock() || r.kind() != ActionResponse.NEXT_PBLOCK) {
                // after the last block: the answer; before it: anything but next-pblock ends the action
                return r;
            }
            if (r.blockNumber() != b.blockNumber()) {
                throw new DlmsException("meter asked for the block after " + r.blockNumber() + " where "
                        + b.blockNumber() + " was sent");
            }
        }
        throw new IllegalStateException("unreachable: the last block returns");
    }

    private byte[] collectActionBlocks(int invoke, ActionResponse first) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ActionResponse r = first;
        for (int i = 1; i <= MAX_BLOCKS; i++) {
            if (r.kind() != ActionResponse.WITH_PBLOCK) {
                throw new DlmsException("long action response broken off: action-response choice " + r.kind()
                        + (r.kind() == ActionResponse.NORMAL ? ", action-result " + r.result() : ""));
            }
            if (r.block().blockNumber() != i) {
                throw new DlmsException("action block " + r.block().blockNumber() + " where block " + i + " was expected");
            }
            all.writeBytes(r.block().rawData());
            if (r.block().lastBlock()) {
                return all.toByteArray();
            }
            r = ActionResponse.decode(request(ActionRequest.nextBlock(invoke, i).encode()));
        }
        throw new DlmsException("action response longer than " + MAX_BLOCKS + " blocks");
    }

    /** The largest request APDU the meter accepts (its max receive PDU size from the InitiateResponse). */
    private int sendLimit() {
        int limit = negotiated == null || negotiated.maxReceivePdu() == 0 ? 0xFFFF : negotiated.maxReceivePdu();
        // glo-ciphering adds tag, length, security control, invocation counter and the 12-byte GCM tag
        return settings.ciphered() ? limit - 24 : limit;
    }

    /** Raw data per block: what is left of the PDU after the request header and the block fields. */
    private int blockSize() {
        return Math.max(16, sendLimit() - 32);
    }

    /** The scaler_unit of a register (class 3, 4 or 5), attribute 3. */
    public ScalerUnit scalerUnit(int classId, ObisCode obis) throws IOException {
        return ScalerUnit.of(get(classId, obis, 3));
    }

    /** The meter's clock (class 8, 0-0:1.0.0*255, attribute 2). */
    public CosemDateTime clock() throws IOException {
        return clockOf(get(8, CLOCK, 2));
    }

    /** The time in a clock's attribute 2: a date-time, or an octet string of 12 that holds one. */
    public static CosemDateTime clockOf(DlmsData d) throws DlmsException {
        if (d.type() == DataType.DATE_TIME) {
            return (CosemDateTime) d.value();
        }
        if (!d.looksLikeDateTime()) {
            throw new DlmsException("clock time is " + d + ", not a date-time");
        }
        return CosemDateTime.decode(d.bytes(), 0, 0);
    }

    public int setClock(CosemDateTime time) throws IOException {
        return set(AttributeDescriptor.of(8, CLOCK, 2), DlmsData.dateTime(time));
    }

    /**
     * Reads a profile generic buffer (class 7, attribute 2) restricted to a time range (selector 1,
     * range_descriptor over the clock column).
     */
    public DlmsData profile(ObisCode profile, CosemDateTime from, CosemDateTime to) throws IOException {
        DlmsData restricting = DlmsData.structure(DlmsData.integer(DataType.LONG_UNSIGNED, 8), DlmsData.obis(CLOCK),
                DlmsData.integer(DataType.INTEGER, 2), DlmsData.integer(DataType.LONG_UNSIGNED, 0));
        DlmsData range = DlmsData.structure(restricting, DlmsData.dateTime(from), DlmsData.dateTime(to),
                DlmsData.array(List.of()));
        return get(new AttributeDescriptor(7, profile, 2, 1, range));
    }

    /** Releases the association and closes the link. */
    public void release() throws IOException {
        try {
            if (associated && transport.linkUp()) {
                byte[] r = transport.exchange(Release.request());
                if (r.length == 0 || (r[0] & 0xFF) != ApduTag.RLRE) {
                    throw new DlmsException("meter answered RLRQ with " + describe(r));
                }
            }
        } finally {
            associated = false;
            transport.close();
        }
    }

    @Override
    public void close() throws IOException {
        release();
    }

    private static String describe(byte[] apdu) {
        return apdu.length == 0 ? "nothing" : ApduTag.name(apdu[0] & 0xFF) + " " + Hex.of(apdu, 0, Math.min(apdu.length, 24));
    }

    /** Small byte helpers shared with the simulator. */
    public static final class ByteArraysFor {
        private ByteArraysFor() {
        }

        /** SC || IC || tag, the HLS-GMAC reply f(challenge). */
        public static byte[] securityReply(int sc, long ic, byte[] tag) {
            byte[] f = new byte[5 + tag.length];
            f[0] = (byte) sc;
            f[1] = (byte) (ic >>> 24);
            f[2] = (byte) (ic >>> 16);
            f[3] = (byte) (ic >>> 8);
            f[4] = (byte) ic;
            System.arraycopy(tag, 0, f, 5, tag.length);
            return f;
        }
    }
}

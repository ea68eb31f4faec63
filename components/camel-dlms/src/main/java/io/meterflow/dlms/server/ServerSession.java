package io.meterflow.dlms.server;

import io.meterflow.dlms.apdu.Aare;
import io.meterflow.dlms.apdu.Aarq;
import io.meterflow.dlms.apdu.ActionRequest;
import io.meterflow.dlms.apdu.ActionResponse;
import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.apdu.Conformance;
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
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.security.SecuritySuite0;
import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One association of a simulated meter: takes request APDUs, returns response APDUs. */
final class ServerSession {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObisCode ASSOCIATION = ObisCode.of(0, 0, 40, 0, 0, 255);

    /** Data-Access-Result / Action-Result values of the long (block) services. */
    private static final int LONG_SET_ABORTED = 17;
    private static final int NO_LONG_SET_IN_PROGRESS = 18;
    private static final int DATA_BLOCK_NUMBER_INVALID = 19;
    private static final int LONG_ACTION_ABORTED = 15;
    private static final int NO_LONG_ACTION_IN_PROGRESS = 16;
    /** What a long set or action may send in all its blocks together; a bound on what a client can make the meter hold. */
    private static final int MAX_LONG_DATA = 1 << 20;

    private final ServerSettings settings;
    private final CosemObjects objects;
    private boolean associated;
    private boolean hlsPending;
    private byte[] serverChallenge;
    private byte[] clientChallenge;
    private byte[] clientSystemTitle;
    private long clientCounter = -1;
    private long serverCounter = 1;
    private int clientMaxPdu = 0xFFFF;
    private int negotiated;
    private byte[] pendingBlocks;
    private int pendingOffset;
    private long pendingBlock;
    private List<AttributeDescriptor> longSetTargets;
    private boolean longSetList;
    private ByteArrayOutputStream longSetData;
    private long longSetBlock;
    private List<AttributeDescriptor> longActionTargets;
    private boolean longActionList;
    private ByteArrayOutputStream longActionData;
    private long longActionBlock;
    private byte[] pendingAction;
    private int pendingActionOffset;
    private long pendingActionBlock;

    ServerSession(ServerSettings settings, CosemObjects objects) {
        this.settings = settings;
        this.objects = objects;
    }

    boolean associated() {
        return associated;
    }

    /** The response to a request APDU; null when the session ends without one. */
    byte[] handle(byte[] request) {
        if (request.length == 0) {
            return new ExceptionResponse(2, 3).encode();
        }
        int tag = request[0] & 0xFF;
        try {
            if (tag == ApduTag.AARQ) {
                return associate(Aarq.decode(request));
            }
            if (tag == ApduTag.RLRQ) {
                associated = false;
                hlsPending = false;
                return Release.response();
            }
            boolean ciphered = CipheredApdu.isCiphered(tag);
            if (settings.ciphered() && !ciphered) {
                return new ExceptionResponse(1, 1).encode();
            }
            byte[] plain = request;
            if (ciphered) {
                CipheredApdu c = CipheredApdu.decode(request, 0);
                if (c.invocationCounter() <= clientCounter) {
                    return new ExceptionResponse(1, 6).encode();
                }
                plain = c.plaintext(clientSystemTitle, settings.encryptionKey(), settings.authenticationKey());
                clientCounter = c.invocationCounter();
            }
            byte[] response = service(plain);
            return ciphered ? protect(response) : response;
        } catch (DecodeException e) {
            return new ExceptionResponse(2, ciphered(tag) ? 5 : 3).encode();
        }
    }

    private static boolean ciphered(int tag) {
        return CipheredApdu.isCiphered(tag);
    }

    private byte[] protect(byte[] plain) {
        return CipheredApdu.serviceSpecific(false, settings.systemTitle(), 0x30, serverCounter++, plain,
                settings.encryptionKey(), settings.authenticationKey()).encode();
    }

    private byte[] associate(Aarq aarq) {
        associated = false;
        hlsPending = false;
        Authentication auth = settings.authentication();
        if (aarq.mechanism() != auth.mechanism()) {
            return reject(14);
        }
        if (auth == Authentication.LOW && !MessageDigest.isEqual(settings.password(),
                aarq.authValue() == null ? new byte[0] : aarq.authValue())) {
            return reject(Aare.AUTHENTICATION_FAILURE);
        }
        if (aarq.ciphered() != settings.ciphered()) {
            return reject(2);
        }
        clientSystemTitle = aarq.callingApTitle();
        byte[] user = aarq.userInformation();
        if (settings.ciphered()) {
            if (clientSystemTitle == null || clientSystemTitle.length != 8) {
                return reject(1);
            }
            CipheredApdu c = CipheredApdu.decode(user, 0);
            user = c.plaintext(clientSystemTitle, settings.encryptionKey(), settings.authenticationKey());
            clientCounter = c.invocationCounter();
        }
        InitiateRequest init = InitiateRequest.decode(user);
        clientMaxPdu = init.maxReceivePdu();
        negotiated = init.conformance() & settings.conformance();
        byte[] response = new InitiateResponse(6, negotiated,
                Math.min(settings.maxPdu(), 0xFFFF), 0x0007).encode();
        if (settings.ciphered()) {
            response = protect(response);
        }
        byte[] stoc = null;
        if (auth == Authentication.HIGH_GMAC) {
            clientChallenge = aarq.authValue();
            stoc = new byte[16];
            RANDOM.nextBytes(stoc);
            serverChallenge = stoc;
            hlsPending = true;
        } else {
            associated = true;
        }
        boolean title = settings.ciphered() || auth == Authentication.HIGH_GMAC;
        return new Aare(settings.ciphered(), Aare.ACCEPTED, 0, title ? settings.systemTitle() : null,
                auth.mechanism(), stoc, response).encode();
    }

    private static byte[] reject(int diagnostic) {
        return new Aare(false, Aare.REJECTED_PERMANENT, diagnostic, null, 0, null, null).encode();
    }

    private byte[] service(byte[] plain) {
        int tag = plain[0] & 0xFF;
        if (hlsPending && tag == ApduTag.ACTION_REQUEST) {
            return hlsReply(ActionRequest.decode(plain));
        }
        if (!associated) {
            return new ExceptionResponse(1, 1).encode();
        }
        return switch (tag) {
            case ApduTag.GET_REQUEST -> get(GetRequest.decode(plain));
            case ApduTag.SET_REQUEST -> set(SetRequest.decode(plain));
            case ApduTag.ACTION_REQUEST -> action(ActionRequest.decode(plain));
            default -> new ExceptionResponse(2, 2).encode();
        };
    }

    /**
     * SET in all its forms. Blocks of a long set are collected until the last one, then the
     * joined encoding is decoded and written; a block out of sequence aborts the long set.
     */
    private byte[] set(SetRequest s) {
        int invoke = s.invokeId();
        switch (s.kind()) {
            case SetRequest.NORMAL -> {
                return new SetResponse(invoke, objects.set(s.attribute(), s.value())).encode();
            }
            case SetRequest.WITH_LIST -> {
                List<Integer> results = new ArrayList<>();
                for (int i = 0; i < s.attributes().size(); i++) {
                    results.add(objects.set(s.attributes().get(i), s.values().get(i)));
                }
                return new SetResponse(SetResponse.WITH_LIST, invoke, results, 0).encode();
            }
            case SetRequest.WITH_FIRST_DATABLOCK, SetRequest.WITH_LIST_AND_FIRST_DATABLOCK -> {
                longSetTargets = s.attributes();
                longSetList = s.kind() == SetRequest.WITH_LIST_AND_FIRST_DATABLOCK;
                longSetData = new ByteArrayOutputStream();
                longSetBlock = 0;
            }
            default -> {
                if (longSetData == null) {
                    return new SetResponse(SetResponse.LAST_DATABLOCK, invoke, List.of(NO_LONG_SET_IN_PROGRESS),
                            s.block().blockNumber()).encode();
                }
            }
        }
        DataBlock b = s.block();
        boolean list = longSetList;
        List<AttributeDescriptor> targets = longSetTargets;
        if (b.blockNumber() != longSetBlock + 1 || longSetData.size() + b.rawData().length > MAX_LONG_DATA) {
            longSetData = null;
            int why = b.blockNumber() != longSetBlock + 1 ? DATA_BLOCK_NUMBER_INVALID : LONG_SET_ABORTED;
            return (list ? new SetResponse(SetResponse.LAST_DATABLOCK_WITH_LIST, invoke,
                    targets.stream().map(t -> why).toList(), b.blockNumber())
                    : new SetResponse(SetResponse.LAST_DATABLOCK, invoke, List.of(why), b.blockNumber())).encode();
        }
        longSetData.writeBytes(b.rawData());
        longSetBlock = b.blockNumber();
        if (!b.lastBlock()) {
            return new SetResponse(SetResponse.DATABLOCK, invoke, List.of(), b.blockNumber()).encode();
        }
        byte[] all = longSetData.toByteArray();
        longSetData = null;
        if (!list) {
            int result = objects.set(targets.get(0), new AxdrReader(all).data());
            return new SetResponse(SetResponse.LAST_DATABLOCK, invoke, List.of(result), b.blockNumber()).encode();
        }
        List<DlmsData> values = SetRequest.decodeValueList(all);
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            results.add(i < values.size() ? objects.set(targets.get(i), values.get(i)) : DataResult.TYPE_UNMATCHED);
        }
        return new SetResponse(SetResponse.LAST_DATABLOCK_WITH_LIST, invoke, results, b.blockNumber()).encode();
    }

    /**
     * ACTION in all its forms: long parameters arrive in pblocks (each but the last answered by
     * next-pblock); a response longer than the PDU size goes out in pblocks the client asks for.
     */
    private byte[] action(ActionRequest a) {
        int invoke = a.invokeId();
        switch (a.kind()) {
            case ActionRequest.NORMAL -> {
                return respond(invoke, false, List.of(objects.action(a.method(), a.parameters())));
            }
            case ActionRequest.WITH_LIST -> {
                List<ActionResponse.Single> out = new ArrayList<>();
                for (int i = 0; i < a.methods().size(); i++) {
                    out.add(objects.action(a.methods().get(i), a.parameterList().get(i)));
                }
                return respond(invoke, true, out);
            }
            case ActionRequest.NEXT_PBLOCK -> {
                if (pendingAction == null || a.blockNumber() != pendingActionBlock) {
                    pendingAction = null;
                    return new ActionResponse(invoke, NO_LONG_ACTION_IN_PROGRESS, null).encode();
                }
                return nextActionBlock(invoke);
            }
            case ActionRequest.WITH_FIRST_PBLOCK, ActionRequest.WITH_LIST_AND_FIRST_PBLOCK -> {
                longActionTargets = a.methods();
                longActionList = a.kind() == ActionRequest.WITH_LIST_AND_FIRST_PBLOCK;
                longActionData = new ByteArrayOutputStream();
                longActionBlock = 0;
            }
            default -> {
                if (longActionData == null) {
                    return new ActionResponse(invoke, NO_LONG_ACTION_IN_PROGRESS, null).encode();
                }
            }
        }
        DataBlock b = a.block();
        if (b.blockNumber() != longActionBlock + 1 || longActionData.size() + b.rawData().length > MAX_LONG_DATA) {
            longActionData = null;
            // action-result has no data-block-number-invalid: a block out of sequence aborts the long action
            return new ActionResponse(invoke, LONG_ACTION_ABORTED, null).encode();
        }
        longActionData.writeBytes(b.rawData());
        longActionBlock = b.blockNumber();
        if (!b.lastBlock()) {
            return ActionResponse.nextBlock(invoke, b.blockNumber()).encode();
        }
        byte[] all = longActionData.toByteArray();
        longActionData = null;
        if (!longActionList) {
            return respond(invoke, false, List.of(objects.action(longActionTargets.get(0), new AxdrReader(all).data())));
        }
        List<DlmsData> params = SetRequest.decodeValueList(all);
        List<ActionResponse.Single> out = new ArrayList<>();
        for (int i = 0; i < longActionTargets.size(); i++) {
            out.add(i < params.size() ? objects.action(longActionTargets.get(i), params.get(i))
                    : new ActionResponse.Single(DataResult.TYPE_UNMATCHED, null));
        }
        return respond(invoke, true, out);
    }

    /** The action response, in pblocks when it exceeds the PDU size. */
    private byte[] respond(int invoke, boolean list, List<ActionResponse.Single> responses) {
        byte[] whole = list ? ActionResponse.withList(invoke, responses).encode()
                : new ActionResponse(ActionResponse.NORMAL, invoke, responses, null, 0).encode();
        if (whole.length <= Math.min(clientMaxPdu, settings.maxPdu())) {
            return whole;
        }
        pendingAction = list ? ActionResponse.Single.encodeList(responses) : responses.get(0).encode();
        pendingActionOffset = 0;
        pendingActionBlock = 0;
        return nextActionBlock(invoke);
    }

    private byte[] nextActionBlock(int invoke) {
        int size = Math.max(16, Math.min(clientMaxPdu, settings.maxPdu()) - 16);
        int end = Math.min(pendingAction.length, pendingActionOffset + size);
        boolean last = end == pendingAction.length;
        DataBlock block = new DataBlock(last, ++pendingActionBlock,
                Arrays.copyOfRange(pendingAction, pendingActionOffset, end));
        pendingActionOffset = end;
        if (last) {
            pendingAction = null;
        }
        return ActionResponse.block(invoke, block).encode();
    }

    private byte[] hlsReply(ActionRequest a) {
        AttributeDescriptor m = a.method();
        if (m.classId() != 15 || !m.instance().equals(ASSOCIATION) || m.id() != 1 || a.parameters() == null
                || a.parameters().type() != io.meterflow.dlms.axdr.DataType.OCTET_STRING
                || a.parameters().bytes().length != 17) {
            return new ActionResponse(a.invokeId(), 3, null).encode();
        }
        byte[] f = a.parameters().bytes();
        long ic = ((f[1] & 0xFFL) << 24) | ((f[2] & 0xFF) << 16) | ((f[3] & 0xFF) << 8) | (f[4] & 0xFF);
        byte[] expected = SecuritySuite0.gmac(0x10, clientSystemTitle, ic, settings.encryptionKey(),
                settings.authenticationKey(), serverChallenge);
        if (f[0] != 0x10 || !MessageDigest.isEqual(expected, Arrays.copyOfRange(f, 5, 17))) {
            hlsPending = false;
            return new ActionResponse(a.invokeId(), 3, null).encode();
        }
        long sic = serverCounter++;
        byte[] tag = SecuritySuite0.gmac(0x10, settings.systemTitle(), sic, settings.encryptionKey(),
                settings.authenticationKey(), clientChallenge);
        hlsPending = false;
        associated = true;
        return new ActionResponse(a.invokeId(), 0,
                DataResult.of(DlmsData.octets(DlmsClient.ByteArraysFor.securityReply(0x10, sic, tag)))).encode();
    }

    private byte[] get(GetRequest g) {
        if (g.kind() == GetRequest.NEXT) {
            if (pendingBlocks == null || g.blockNumber() != pendingBlock) {
                return GetResponse.blockError(g.invokeId(), g.blockNumber(), 16).encode();
            }
            return nextBlock(g.invokeId());
        }
        if (g.kind() == GetRequest.WITH_LIST && (negotiated & Conformance.MULTIPLE_REFERENCES) == 0) {
            return new ExceptionResponse(1, 2).encode(); // service-not-allowed, service-not-supported: not negotiated
        }
        byte[] response;
        byte[] encodedResult;
        if (g.kind() == GetRequest.NORMAL) {
            DataResult r = objects.get(g.attributes().get(0));
            response = GetResponse.normal(g.invokeId(), r).encode();
            encodedResult = r.ok() ? AxdrWriter.encode(r.data()) : null;
        } else {
            java.util.List<DataResult> results = g.attributes().stream().map(objects::get).toList();
            response = GetResponse.withList(g.invokeId(), results).encode();
            byte[] full = response;
            encodedResult = Arrays.copyOfRange(full, 3, full.length);
        }
        int limit = Math.min(clientMaxPdu, settings.maxPdu());
        if (response.length <= limit || encodedResult == null) {
            return response;
        }
        pendingBlocks = encodedResult;
        pendingOffset = 0;
        pendingBlock = 0;
        return nextBlock(g.invokeId());
    }

    private byte[] nextBlock(int invokeId) {
        int size = Math.max(16, Math.min(clientMaxPdu, settings.maxPdu()) - 16);
        int end = Math.min(pendingBlocks.length, pendingOffset + size);
        byte[] block = Arrays.copyOfRange(pendingBlocks, pendingOffset, end);
        pendingOffset = end;
        pendingBlock++;
        boolean last = end == pendingBlocks.length;
        byte[] out = GetResponse.block(invokeId, last, pendingBlock, block).encode();
        if (last) {
            pendingBlocks = null;
        }
        return out;
    }
}

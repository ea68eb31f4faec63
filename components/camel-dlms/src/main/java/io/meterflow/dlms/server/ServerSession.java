package io.meterflow.dlms.server;

import io.meterflow.dlms.apdu.Aare;
import io.meterflow.dlms.apdu.Aarq;
import io.meterflow.dlms.apdu.ActionRequest;
import io.meterflow.dlms.apdu.ActionResponse;
import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.apdu.Conformance;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.apdu.ExceptionResponse;
import io.meterflow.dlms.apdu.GetRequest;
import io.meterflow.dlms.apdu.GetResponse;
import io.meterflow.dlms.apdu.InitiateRequest;
import io.meterflow.dlms.apdu.InitiateResponse;
import io.meterflow.dlms.apdu.Release;
import io.meterflow.dlms.apdu.SetRequest;
import io.meterflow.dlms.apdu.SetResponse;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.security.SecuritySuite0;
import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/** One association of a simulated meter: takes request APDUs, returns response APDUs. */
final class ServerSession {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObisCode ASSOCIATION = ObisCode.of(0, 0, 40, 0, 0, 255);

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
    private byte[] pendingBlocks;
    private int pendingOffset;
    private long pendingBlock;

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
        byte[] response = new InitiateResponse(6, init.conformance() & Conformance.DEFAULT,
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
            case ApduTag.SET_REQUEST -> {
                SetRequest s = SetRequest.decode(plain);
                yield new SetResponse(s.invokeId(), objects.set(s.attribute(), s.value())).encode();
            }
            case ApduTag.ACTION_REQUEST -> {
                ActionRequest a = ActionRequest.decode(plain);
                yield new ActionResponse(a.invokeId(), 11, null).encode();
            }
            default -> new ExceptionResponse(2, 2).encode();
        };
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

package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.push.ApduUnwrapper;
import io.meterflow.model.ObisCode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApduTest {

    @Test
    void aarqAndAareOfTheHdlcVectorsEncodeIdentically() {
        byte[] aarq = ApduUnwrapper.stripLlc(HdlcFrame.decode(Hex.parse(
                "7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFFC5E47E")).information());
        Aarq q = Aarq.decode(aarq);
        assertThat(q.mechanism()).isZero();
        assertThat(InitiateRequest.decode(q.userInformation()).maxReceivePdu()).isEqualTo(0xFFFF);
        assertThat(Hex.of(q.encode())).isEqualTo(Hex.of(aarq));
        byte[] aare = ApduUnwrapper.stripLlc(HdlcFrame.decode(Hex.parse(
                "7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E"))
                .information());
        Aare a = Aare.decode(aare);
        assertThat(a.accepted()).isTrue();
        InitiateResponse ir = InitiateResponse.decode(a.userInformation());
        assertThat(ir.maxReceivePdu()).isEqualTo(0x04C8);
        assertThat(ir.conformance()).isEqualTo(0x001E1D);
        assertThat(Hex.of(a.encode())).isEqualTo(Hex.of(aare));
    }

    @Test
    void lowAndHighLevelAarqCarryMechanismAndValue() {
        byte[] init = new InitiateRequest(null, 6, Conformance.DEFAULT, 1024).encode();
        Aarq lls = Aarq.decode(new Aarq(false, null, 1, "secret".getBytes(), init).encode());
        assertThat(lls.mechanism()).isEqualTo(1);
        assertThat(new String(lls.authValue())).isEqualTo("secret");
        Aarq hls = Aarq.decode(new Aarq(true, new byte[8], 5, new byte[16], init).encode());
        assertThat(hls.ciphered()).isTrue();
        assertThat(hls.callingApTitle()).hasSize(8);
        assertThat(hls.mechanism()).isEqualTo(5);
    }

    @Test
    void xdlmsServicesRoundTrip() {
        AttributeDescriptor energy = AttributeDescriptor.of(3, ObisCode.parse("1-0:1.8.0*255"), 2);
        assertThat(Hex.of(GetRequest.normal(0xC1, energy).encode())).isEqualTo("C001C100030100010800FF0200");
        GetRequest list = GetRequest.decode(GetRequest.withList(0x41, List.of(energy, energy)).encode());
        assertThat(list.attributes()).hasSize(2);
        assertThat(GetRequest.decode(GetRequest.next(0x41, 7).encode()).blockNumber()).isEqualTo(7);
        GetResponse r = GetResponse.decode(Hex.parse("C401C1000600000118"));
        assertThat(r.results().get(0).data().longValue()).isEqualTo(280);
        GetResponse err = GetResponse.decode(Hex.parse("C401C10104"));
        assertThat(err.results().get(0).accessResult()).isEqualTo(DataResult.OBJECT_UNDEFINED);
        GetResponse block = GetResponse.decode(GetResponse.block(0x41, true, 3, new byte[] {1, 2}).encode());
        assertThat(block.lastBlock()).isTrue();
        assertThat(block.blockNumber()).isEqualTo(3);
        SetRequest set = SetRequest.decode(new SetRequest(0x41, energy, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 5)).encode());
        assertThat(set.value().longValue()).isEqualTo(5);
        assertThat(SetResponse.decode(new SetResponse(0x41, 0).encode()).result()).isZero();
        ActionRequest act = ActionRequest.decode(new ActionRequest(0x41,
                AttributeDescriptor.of(15, ObisCode.parse("0-0:40.0.0*255"), 1), DlmsData.octets(new byte[17])).encode());
        assertThat(act.parameters().bytes()).hasSize(17);
        ActionResponse ar = ActionResponse.decode(new ActionResponse(0x41, 0, DataResult.of(DlmsData.NULL)).encode());
        assertThat(ar.returnParameters().ok()).isTrue();
        assertThat(ExceptionResponse.decode(new ExceptionResponse(1, 6).encode()).serviceError()).isEqualTo(6);
        assertThat(ConfirmedServiceError.decode(Hex.parse("0E010601")).errorType()).isEqualTo(6);
        assertThat(Release.request()[0] & 0xFF).isEqualTo(ApduTag.RLRQ);
    }

    @Test
    void notificationsAndBlockTransferRoundTrip() {
        CosemDateTime t = CosemDateTime.of(OffsetDateTime.parse("2026-02-01T10:00:00+01:00"));
        EventNotification e = new EventNotification(t, 1, ObisCode.parse("0-0:96.11.0*255"), 2,
                DlmsData.integer(DataType.LONG_UNSIGNED, 47));
        assertThat(EventNotification.decode(e.encode(), 0)).isEqualTo(e);
        DataNotification n = new DataNotification(0x40000001L, t, DlmsData.structure(DlmsData.visible("x")));
        assertThat(DataNotification.decode(n.encode(), 0)).isEqualTo(n);
        GeneralBlockTransfer g = GeneralBlockTransfer.decode(Hex.parse("E0C00004000003AABBCC"), 0);
        assertThat(g.lastBlock()).isTrue();
        assertThat(g.streaming()).isTrue();
        assertThat(g.blockNumber()).isEqualTo(4);
        assertThat(Hex.of(g.encode())).isEqualTo("E0C00004000003AABBCC");
    }
}

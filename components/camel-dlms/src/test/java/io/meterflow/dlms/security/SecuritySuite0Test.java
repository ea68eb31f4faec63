package io.meterflow.dlms.security;

import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.model.DecodeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySuite0Test {

    private static final byte[] EK = Hex.parse("000102030405060708090A0B0C0D0E0F");
    private static final byte[] AK = Hex.parse("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    private static final byte[] ST = Hex.parse("4D4D4D0000BC614E");
    private static final byte[] PLAIN = Hex.parse("C001C100080000010000FF0200");

    @Test
    void everySecurityPolicyRoundTrips() {
        for (int sc : new int[] {0x10, 0x20, 0x30}) {
            byte[] c = SecuritySuite0.protect(sc, ST, 0x01234567, PLAIN, EK, AK);
            assertThat(SecuritySuite0.unprotect(sc, ST, 0x01234567, c, EK, AK)).isEqualTo(PLAIN);
        }
        assertThat(SecuritySuite0.protect(0x10, ST, 1, PLAIN, EK, AK)).startsWith(PLAIN).hasSize(PLAIN.length + 12);
        assertThat(SecuritySuite0.protect(0x20, ST, 1, PLAIN, EK, AK)).hasSize(PLAIN.length);
        byte[] gcm = SecuritySuite0.protect(0x30, ST, 1, PLAIN, EK, AK);
        assertThat(SecuritySuite0.decryptUnauthenticated(0x30, ST, 1, gcm, EK)).isEqualTo(PLAIN);
        assertThat(SecuritySuite0.decryptUnauthenticated(0x20, ST, 1, SecuritySuite0.protect(0x20, ST, 1, PLAIN, EK, AK), EK))
                .isEqualTo(PLAIN);
    }

    @Test
    void authenticationOnlyFramesAreCheckedToo() {
        byte[] c = SecuritySuite0.protect(0x10, ST, 7, PLAIN, EK, AK);
        c[2] ^= 1;
        assertThatThrownBy(() -> SecuritySuite0.unprotect(0x10, ST, 7, c, EK, AK)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("tag mismatch");
        assertThatThrownBy(() -> SecuritySuite0.unprotect(0x30, ST, 7, new byte[3], EK, AK))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> SecuritySuite0.unprotect(0x31, ST, 7, new byte[20], EK, AK))
                .isInstanceOf(DecodeException.class).hasMessageContaining("suite 1");
        assertThatThrownBy(() -> SecuritySuite0.unprotect(0x30, ST, 7, new byte[20], new byte[5], AK))
                .isInstanceOf(DecodeException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void generalAndServiceSpecificCipheringRoundTrip() {
        CipheredApdu ded = CipheredApdu.general(true, ST, 0x30, 42, PLAIN, EK, AK);
        CipheredApdu back = CipheredApdu.decode(ded.encode(), 0);
        assertThat(back.dedicated()).isTrue();
        assertThat(back.plaintext(null, EK, AK)).isEqualTo(PLAIN);
        CipheredApdu glo = CipheredApdu.serviceSpecific(false, ST, 0x30, 43, PLAIN, EK, AK);
        assertThat(glo.encode()[0] & 0xFF).isEqualTo(0xC8);
        assertThat(CipheredApdu.decode(glo.encode(), 0).plaintext(ST, EK, AK)).isEqualTo(PLAIN);
        CipheredApdu dedGet = CipheredApdu.serviceSpecific(true, ST, 0x30, 44, PLAIN, EK, AK);
        assertThat(dedGet.encode()[0] & 0xFF).isEqualTo(0xD0);
    }

    @Test
    void invocationCountersRejectReplays() {
        InvocationCounterStore store = new InMemoryInvocationCounterStore();
        assertThat(store.last("A")).isEqualTo(-1);
        assertThat(store.advance("A", 5)).isTrue();
        assertThat(store.advance("A", 5)).isFalse();
        assertThat(store.advance("A", 4)).isFalse();
        assertThat(store.advance("A", 6)).isTrue();
        assertThat(store.advance("B", 1)).isTrue();
        assertThat(store.last("A")).isEqualTo(6);
    }
}

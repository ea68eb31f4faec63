package io.meterflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RolesTest {

    private MockEnvironment run(String roles) {
        MockEnvironment env = new MockEnvironment().withProperty("meterflow.receivers.mqtt.enabled", "true")
                .withProperty("meterflow.poll.enabled", "true");
        if (roles != null) {
            env.setProperty("meterflow.roles", roles);
        }
        new Roles().postProcessEnvironment(env, null);
        return env;
    }

    @Test
    void allRolesByDefault() {
        MockEnvironment env = run(null);
        for (String role : Roles.ALL) {
            assertThat(env.getProperty("meterflow.role." + role, Boolean.class)).as(role).isTrue();
        }
        assertThat(env.getProperty("meterflow.receivers.mqtt.enabled", Boolean.class)).isTrue();
    }

    @Test
    void aStorageInstanceReceivesAndPollsNothing() {
        MockEnvironment env = run("store");
        assertThat(env.getProperty("meterflow.role.store", Boolean.class)).isTrue();
        assertThat(env.getProperty("meterflow.role.decode", Boolean.class)).isFalse();
        assertThat(env.getProperty("meterflow.role.api", Boolean.class)).isTrue();
        assertThat(env.getProperty("meterflow.receivers.mqtt.enabled", Boolean.class)).isFalse();
        assertThat(env.getProperty("meterflow.receivers.dlms-udp.enabled", Boolean.class)).isFalse();
        assertThat(env.getProperty("meterflow.poll.enabled", Boolean.class)).isFalse();
    }

    @Test
    void unknownRolesAreRefusedByName() {
        assertThatThrownBy(() -> run("store, deocde")).hasMessageContaining("unknown role 'deocde'");
        assertThatThrownBy(() -> run(" , ")).hasMessageContaining("names no role");
    }
}

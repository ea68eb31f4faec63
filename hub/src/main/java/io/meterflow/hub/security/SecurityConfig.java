package io.meterflow.hub.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SecurityConfig {

    @Bean
    public MasterKey masterKey(@Value("${meterflow.security.master-key:}") String text) {
        if (text.isBlank()) {
            throw new IllegalStateException("meterflow.security.master-key is not set. "
                    + "It encrypts meter keys at rest: generate one with 'openssl rand -hex 32' and set "
                    + "METERFLOW_SECURITY_MASTER_KEY. The embedded default makes one under ./data by itself.");
        }
        return MasterKey.parse(text);
    }
}

package dev.atsrelay.config.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecretCipherTests {

    @Test
    void encryptsExactlyAsTheContractSays() throws Exception {
        JsonNode vectors = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("../docs/contracts/secret-encryption-vectors.json"))).get("vectors");
        for (JsonNode v : vectors) {
            var cipher = new SecretCipher(new SecretProperties(Map.of(v.get("keyId").asString(), v.get("key").asString()),
                    v.get("keyId").asString()));
            String encrypted = cipher.encrypt(v.get("plaintext").asString(), v.get("owner").asString(),
                    v.get("keyId").asString(), HexFormat.of().parseHex(v.get("iv").asString()));
            assertThat(encrypted).isEqualTo(v.get("ciphertext").asString());
            assertThat(cipher.decrypt(cipher.encrypt("whsec_x", "wh_1"), "wh_1")).isEqualTo("whsec_x");
        }
    }
}

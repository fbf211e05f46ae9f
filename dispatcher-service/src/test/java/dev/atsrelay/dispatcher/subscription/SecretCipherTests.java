package dev.atsrelay.dispatcher.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecretCipherTests {

    @Test
    void decryptsWhatConfigServiceEncrypted() throws Exception {
        JsonNode vectors = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("../docs/contracts/secret-encryption-vectors.json"))).get("vectors");
        for (JsonNode v : vectors) {
            var cipher = new SecretCipher(Map.of(v.get("keyId").asString(), v.get("key").asString()));
            assertThat(cipher.decrypt(v.get("ciphertext").asString(), v.get("owner").asString()))
                    .isEqualTo(v.get("plaintext").asString());
            assertThatThrownBy(() -> cipher.decrypt(v.get("ciphertext").asString(), "wh_someone_else"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

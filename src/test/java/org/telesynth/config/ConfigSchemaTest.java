package org.telesynth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published JSON Schema (config/telesynth.schema.json), checked by an independent validator: it is the one
 * the code generates, it accepts the defaults and a partial user file, and it refuses what the loader refuses by
 * key and type (an unknown key, a number given as text).
 */
class ConfigSchemaTest {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ConfigSchema.generate().toString());

    private static List<Error> errors(String yaml) throws Exception {
        return SCHEMA.validate(new YAMLMapper().readTree(yaml));
    }

    @Test
    void publishedFile_isTheGeneratedSchema() throws Exception {
        JsonNode published = new ObjectMapper().readTree(Files.readString(Path.of("config/telesynth.schema.json")));
        assertEquals(ConfigSchema.generate(), published, "config/telesynth.schema.json is stale: telesynth config schema > config/telesynth.schema.json");
    }

    @Test
    void defaultsAndPartialFiles_areValid() throws Exception {
        assertEquals(List.of(), errors(Files.readString(Path.of("config/default.yaml"))));
        assertEquals(List.of(), errors("pe: {iterations: 8}\n"));
        assertEquals(List.of(), errors("tables:\n  system_userwait: {k: 50, clamp: {total_duration_ms: [0, 1.0e7, linear]}}\n"));
        assertEquals(List.of(), errors("marginal: {parents: {system_userwait: null}}\n"), "null removes a default's entry");
    }

    @Test
    void unknownKeysAndWrongTypes_areErrors_asTheLoaderSays() throws Exception {
        List<Error> typo = errors("pe: {iterashuns: 8}\n");
        assertFalse(typo.isEmpty());
        assertTrue(typo.get(0).toString().contains("iterashuns"), typo.toString());
        assertFalse(errors("pe: {iterations: eight}\n").isEmpty());
        assertFalse(errors("tables: {system_userwait: {kk: 3}}\n").isEmpty());
        assertFalse(errors("budgett: {cap_epsilon: 1}\n").isEmpty());
        // and the loader agrees on each
        for (String bad : List.of("pe: {iterashuns: 8}\n", "pe: {iterations: eight}\n", "budgett: {cap_epsilon: 1}\n")) {
            org.junit.jupiter.api.Assertions.assertThrows(org.telesynth.BadInputException.class,
                    () -> ReleaseConfig.parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test"));
        }
    }
}

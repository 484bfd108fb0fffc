package dev.filial.protocol.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** The Jackson factories of the format, configured strictly: duplicate keys and over-deep nesting fail. */
final class Json {

    private Json() {
    }

    /** A factory whose parsers refuse duplicate keys, nesting past {@code maxDepth} and text past {@code maxTextChars}. */
    static JsonFactory strictFactory(int maxDepth, int maxTextChars) {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxTextChars)
                        .maxNumberLength(40)
                        .build())
                .build()
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }
}

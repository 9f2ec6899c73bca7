package dev.formbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.submission.SubmissionId;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Typed ids: a prefix and a ULID, checked wherever one comes in (a URL, an event, a stored item). */
class IdsTest {
    @Test
    void a_new_id_is_well_formed_and_carries_the_time_it_was_given() {
        Instant at = Instant.parse("2026-11-27T06:40:00.123Z");

        String id = Ids.at("sub_", at);

        assertThat(Ids.require("sub_", id)).isEqualTo(id);
        assertThat(Ids.timeOf("sub_", id)).isEqualTo(at);
        assertThat(Ids.require("ten_", Ids.next("ten_"))).startsWith("ten_");
    }

    @Test
    void an_id_with_another_prefix_or_a_malformed_ulid_is_refused_by_name() {
        assertThatThrownBy(() -> Ids.require("sub_", Ids.next("ten_")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid sub_… id");
        assertThatThrownBy(() -> Ids.require("sub_", "sub_01ARZ3NDEKTSV4RRFFQ69G5FA")) // 25 characters
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ids.require("sub_", "sub_01ARZ3NDEKTSV4RRFFQ69G5FAU")) // U is not Crockford
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_ulid_beyond_48_bits_of_time_is_refused_before_anything_reads_its_time() {
        // 26 valid characters, but a first one above 7 overflows the 128 bits: no time can be read from it
        assertThatThrownBy(() -> new SubmissionId("sub_8ZZZZZZZZZZZZZZZZZZZZZZZZZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid sub_… id");
        assertThat(new SubmissionId("sub_7ZZZZZZZZZZZZZZZZZZZZZZZZZ").receivedAt())
                .isEqualTo(Instant.parse("+10889-08-02T05:31:50.655Z"));
    }

    @Test
    void the_ulid_check_accepts_exactly_what_its_documented_pattern_accepts_for_every_character_in_every_place() {
        Pattern documented = Pattern.compile(Ids.ULID_PATTERN);
        String valid = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        for (int place = 0; place < valid.length(); place++) {
            for (char c = 0; c < 0x180; c++) {
                String candidate = valid.substring(0, place) + c + valid.substring(place + 1);

                assertThat(Ids.isUlid(candidate))
                        .as("character U+%04X at %d", (int) c, place)
                        .isEqualTo(documented.matcher(candidate).matches());
            }
        }
        assertThat(Ids.isUlid(valid.toLowerCase())).isFalse();
        assertThat(Ids.isUlid(valid + "0")).isFalse();
        assertThat(Ids.isUlid(valid.substring(1))).isFalse();
        assertThat(Ids.isUlid("")).isFalse();
        assertThat(Ids.isUlid(null)).isFalse();
    }
}

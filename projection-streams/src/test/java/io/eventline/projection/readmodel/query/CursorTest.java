package io.eventline.projection.readmodel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.service.http.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void gives_back_the_key_it_encoded() {
        for (String key : List.of("order-1", "2026-11-24|EUR", "caf\u00e9")) {
            assertThat(Cursor.decode(Cursor.encode(key))).isEqualTo(key);
        }
    }

    @Test
    void refuses_what_no_page_could_have_returned_instead_of_scanning_from_it() {
        // "garbage" and "_w" are valid base64url, but of bytes that are no UTF-8: once a 200 from wherever they sorted.
        for (String cursor : List.of("garbage", "_w", "", "!!!", "a b", Cursor.encode("x".repeat(Cursor.MAX_KEY_BYTES + 1)))) {
            assertThatThrownBy(() -> Cursor.decode(cursor)).as(cursor)
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
        }
    }
}

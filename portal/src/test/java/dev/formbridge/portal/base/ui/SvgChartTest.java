package dev.formbridge.portal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    @Test
    void the_chart_is_well_formed_svg_with_one_tooltip_per_non_zero_point_and_escaped_names() throws Exception {
        String svg = new SvgChart("Deliveries <last hour>", List.of("10:00", "10:01", "10:02"))
                .series("delivered & more", new long[] {3, 0, 7})
                .series("failed", new long[] {0, 1, 0})
                .svg();

        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(3);
        assertThat(svg).contains("delivered &amp; more 10:02: 7", "Deliveries &lt;last hour&gt;");
        assertThat(document.getDocumentElement().getAttribute("aria-label"))
                .contains("delivered & more total 10", "failed total 1");
    }

    @Test
    void the_axis_tops_out_at_a_round_number_at_or_above_the_maximum() {
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(13)).isEqualTo(20);
        assertThat(SvgChart.niceCeiling(33)).isEqualTo(40);
        assertThat(SvgChart.niceCeiling(480)).isEqualTo(500);
        assertThat(SvgChart.niceCeiling(100_000)).isEqualTo(100_000);
    }

    @Test
    void a_series_must_have_one_value_per_label() {
        assertThatThrownBy(() -> new SvgChart("x", List.of("a", "b")).series("s", new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

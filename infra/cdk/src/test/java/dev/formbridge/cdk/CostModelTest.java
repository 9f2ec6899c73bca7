package dev.formbridge.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.cdk.cost.CostModel;
import dev.formbridge.cdk.cost.CostReport;
import dev.formbridge.cdk.cost.Prices;
import dev.formbridge.cdk.cost.Traffic;
import dev.formbridge.cdk.testutils.Synthesized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost model in docs/deploy.md is the one the synthesized template implies. */
class CostModelTest {
    @SuppressWarnings("unchecked")
    private final Map<String, Object> template =
            (Map<String, Object>) Synthesized.defaults().template().toJSON();

    private final CostModel model = new CostModel(template, Prices.US_EAST_1, Traffic.REFERENCE);

    @Test
    void the_cost_model_in_the_deploy_guide_matches_the_synthesized_template() throws Exception {
        String document = Files.readString(Path.of("../../docs/deploy.md"));
        assertThat(CostReport.section(document))
                .as("docs/deploy.md is out of date: run scripts/cost-model")
                .isEqualTo(CostReport.markdown(model));
    }

    @Test
    void the_model_prices_every_function_with_its_memory_and_architecture_from_the_template() {
        assertThat(model.functions())
                .extracting(CostModel.FunctionLine::name)
                .containsExactlyInAnyOrder("authorizer", "ingest", "router", "connector");
        assertThat(model.functions()).allSatisfy(f -> {
            assertThat(f.memoryMb()).isEqualTo(JavaFunctionProps.DEFAULT_MEMORY_MB);
            assertThat(f.architecture()).isEqualTo("arm64");
            assertThat(f.x86DollarsPerMillion()).isGreaterThan(f.dollarsPerMillion());
        });
    }

    @Test
    void more_memory_in_the_template_costs_more_in_the_model() throws Exception {
        String json = dev.formbridge.Json.MAPPER
                .writeValueAsString(template)
                .replace("\"MemorySize\":512", "\"MemorySize\":1024");
        Map<String, Object> bigger = dev.formbridge.Json.MAPPER.readValue(json, new TypeReference<>() {});
        assertThat(new CostModel(bigger, Prices.US_EAST_1, Traffic.REFERENCE).total())
                .isGreaterThan(model.total());
    }

    @Test
    void a_function_logging_at_info_in_the_template_costs_its_info_line_in_the_model() throws Exception {
        String json = dev.formbridge.Json.MAPPER
                .writeValueAsString(template)
                .replace(
                        "\"" + JavaFunction.LOG_LEVEL_ENV + "\":\"WARN\"",
                        "\"" + JavaFunction.LOG_LEVEL_ENV + "\":\"INFO\"");
        Map<String, Object> chatty = dev.formbridge.Json.MAPPER.readValue(json, new TypeReference<>() {});
        CostModel everyLine = new CostModel(chatty, Prices.US_EAST_1, Traffic.REFERENCE);

        assertThat(everyLine.logBytes() - model.logBytes()).isEqualTo(540 + 560); // router's and connector's lines
        assertThat(everyLine.total()).isGreaterThan(model.total());
    }

    @Test
    void index_entries_are_counted_by_the_templates_projections() throws Exception {
        // as deployed: a submission 2 units + its entry in the time index (ADR 0023), an attempt 1 unit and no index
        // write
        assertThat(units(model, "write: submission PutItem")).isEqualTo(3);
        assertThat(units(model, "write: attempt UpdateItem")).isEqualTo(1);

        // with indexes copying whole items, each entry is the item again, at every write
        String json = dev.formbridge.Json.MAPPER
                .writeValueAsString(template)
                .replace("\"ProjectionType\":\"KEYS_ONLY\"", "\"ProjectionType\":\"ALL\"")
                .replace("\"ProjectionType\":\"INCLUDE\"", "\"ProjectionType\":\"ALL\"");
        Map<String, Object> copyingAll = dev.formbridge.Json.MAPPER.readValue(json, new TypeReference<>() {});
        CostModel wide = new CostModel(copyingAll, Prices.US_EAST_1, Traffic.REFERENCE);
        assertThat(units(wide, "write: submission PutItem")).isEqualTo(4);
        assertThat(units(wide, "write: attempt UpdateItem")).isEqualTo(2);
    }

    private static double units(CostModel model, String line) {
        return model.lines().stream()
                .filter(l -> l.what().startsWith(line))
                .mapToDouble(CostModel.Line::perSubmission)
                .sum();
    }

    @Test
    void one_submission_publishes_one_bus_event_and_costs_three_queue_requests() {
        assertThat(model.perSubmission("EventBridge", "event")).isEqualTo(1);
        assertThat(model.perSubmission("SQS", "request")).isEqualTo(3);
        assertThat(model.perSubmission("API Gateway", "request")).isEqualTo(1);
    }
}

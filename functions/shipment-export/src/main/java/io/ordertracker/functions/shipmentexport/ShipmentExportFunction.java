package io.ordertracker.functions.shipmentexport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.domain.analytics.ShipmentExport;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Env;
import io.ordertracker.lambda.StreamBatch;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TableChanges;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The table's stream, filtered by the event source mapping to shipments written as DELIVERED, to the S3 export
 * (docs/analytics.md): one JSON line per delivered shipment at {@link ShipmentExport#key()}. A PutObject to the same
 * key is idempotent, so a redelivered or retried record rewrites the same object; a failure stops the batch there
 * and the stream retries from it ({@link StreamBatch}).
 */
public class ShipmentExportFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final S3Client s3;
    private final String bucket;

    public ShipmentExportFunction() {
        // path-style only against a local endpoint (moto): a real bucket is addressed as AWS prefers
        this(AwsClients.build(S3Client.builder().forcePathStyle(Env.get("AWS_ENDPOINT_URL_S3")
                .or(() -> Env.get("AWS_ENDPOINT_URL")).isPresent()), "S3"), Env.require("EXPORT_BUCKET"));
    }

    public ShipmentExportFunction(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.around(context, () -> StreamBatch.process(event, record ->
                ShipmentExport.of(TableChanges.of(record)).ifPresent(line -> {
                    s3.putObject(b -> b.bucket(bucket).key(line.key()).contentType("application/x-ndjson"),
                            RequestBody.fromString(Json.write(line) + "\n"));
                    Telemetry.metrics().addMetric("ShipmentsExported", 1, MetricUnit.COUNT);
                }), record -> Telemetry.metrics().addMetric("ShipmentExportFailed", 1, MetricUnit.COUNT)));
    }
}

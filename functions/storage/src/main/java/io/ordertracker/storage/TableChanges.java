package io.ordertracker.storage;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.notify.TableChange;
import io.ordertracker.json.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A record of the table's stream, read into the domain's {@link TableChange} by the same mappers as table reads. */
public final class TableChanges {
    private TableChanges() {
    }

    public static TableChange of(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        return of(StreamImages.toSdk(images.getOldImage()), StreamImages.toSdk(images.getNewImage()));
    }

    static TableChange of(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Map<String, AttributeValue> any = newImage != null ? newImage : oldImage;
        if (any == null || newImage == null) {
            return new TableChange.Ignored();
        }
        String entity = Attr.str(any, Keys.ENTITY);
        if ("ORDER".equals(entity) && oldImage == null) {
            return new TableChange.OrderCreated(order(newImage));
        }
        if ("SHIPMENT".equals(entity)) {
            return new TableChange.ShipmentChanged(oldImage == null ? null : ShipmentItems.fromItem(oldImage),
                    ShipmentItems.fromItem(newImage));
        }
        return new TableChange.Ignored();
    }

    /** The order as stored; a part that does not read (an item written by hand) is left out rather than failing. */
    private static Order order(Map<String, AttributeValue> item) {
        try {
            return DynamoDbOrderStore.orderFrom(item);
        } catch (RuntimeException e) {
            return new Order(Attr.str(item, "merchantId"), Attr.str(item, "orderNumber"),
                    customer(Attr.str(item, "customer")), List.of(), null, null, null);
        }
    }

    private static Customer customer(String json) {
        try {
            return json == null ? null : Json.read(json, Customer.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

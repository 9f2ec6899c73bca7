package dev.formbridge.team;

import dev.formbridge.storage.KeyedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Stores invitations under their tenant, each with the SHA-256 of its token's secret (never the token). An invitation
 * is removed by the table's TTL {@link #KEPT_AFTER_EXPIRY} after it expires, so a tenant's invitations stay few and
 * finding one by its token, a query of the tenant's invitations, stays cheap.
 */
final class InvitationRepository {
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    private final DynamoDbTable<InvitationItem> table;

    InvitationRepository(Storage storage) {
        this.table = storage.table(InvitationItem.SCHEMA);
    }

    void create(Invitation invitation, byte[] secretHash) {
        Storage.run("create invitation", () -> table.putItem(InvitationItem.from(invitation, secretHash)));
    }

    /**
     * Moves {@code invitation} from the status it was read with to {@code status}; false if its stored status is no
     * longer the one read. This is what makes an invitation single-use.
     */
    boolean changeStatus(Invitation invitation, InvitationStatus status) {
        InvitationItem change = new InvitationItem();
        change.setPk(Keys.invitationsPk(invitation.tenantId()));
        change.setSk(Keys.invitationSk(invitation.id()));
        change.status = status.name();
        Expression wasAsRead = Expression.builder()
                .expression("#status = :was")
                .expressionNames(Map.of("#status", "status"))
                .expressionValues(
                        Map.of(":was", AttributeValue.fromS(invitation.status().name())))
                .build();
        try {
            Storage.run(
                    "change invitation",
                    () -> table.updateItem(r -> r.item(change).ignoreNulls(true).conditionExpression(wasAsRead)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    Optional<Invitation> find(TenantId tenant, InvitationId id) {
        return findItem(tenant, id).map(InvitationItem::toInvitation);
    }

    /** The tenant's invitations, all statuses. */
    List<Invitation> list(TenantId tenant) {
        return items(tenant).stream().map(InvitationItem::toInvitation).toList();
    }

    /** The invitation whose secret hash matches the token's, compared in constant time; empty if none does. */
    Optional<Invitation> findByToken(InvitationToken token) {
        InvitationItem found = null;
        for (InvitationItem item : items(token.tenantId())) {
            // no early exit: every stored hash is compared, whichever matches
            if (token.matches(Base64.getDecoder().decode(item.secretHash)) && found == null) {
                found = item;
            }
        }
        return Optional.ofNullable(found).map(InvitationItem::toInvitation);
    }

    private Optional<InvitationItem> findItem(TenantId tenant, InvitationId id) {
        Key key = Key.builder()
                .partitionValue(Keys.invitationsPk(tenant))
                .sortValue(Keys.invitationSk(id))
                .build();
        return Optional.ofNullable(Storage.call(
                "read invitation", () -> table.getItem(r -> r.key(key).consistentRead(true))));
    }

    private List<InvitationItem> items(TenantId tenant) {
        QueryConditional all = QueryConditional.keyEqualTo(
                Key.builder().partitionValue(Keys.invitationsPk(tenant)).build());
        return Storage.call(
                "list invitations",
                () -> table.query(r -> r.queryConditional(all).consistentRead(true)).items().stream()
                        .toList());
    }

    /** The stored form of an invitation. */
    static final class InvitationItem extends KeyedItem {
        static final TableSchema<InvitationItem> SCHEMA = StaticTableSchema.builder(InvitationItem.class)
                .newItemSupplier(InvitationItem::new)
                .extend(KeyedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("invitationId").getter(i -> i.id).setter((i, v) -> i.id = v))
                .addAttribute(
                        String.class, a -> a.name("email").getter(i -> i.email).setter((i, v) -> i.email = v))
                .addAttribute(
                        String.class, a -> a.name("role").getter(i -> i.role).setter((i, v) -> i.role = v))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(
                        String.class,
                        a -> a.name("invitedByUserId")
                                .getter(i -> i.invitedByUserId)
                                .setter((i, v) -> i.invitedByUserId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("invitedByEmail")
                                .getter(i -> i.invitedByEmail)
                                .setter((i, v) -> i.invitedByEmail = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("validUntil").getter(i -> i.validUntil).setter((i, v) -> i.validUntil = v))
                .addAttribute(
                        String.class,
                        a -> a.name("secretHash").getter(i -> i.secretHash).setter((i, v) -> i.secretHash = v))
                .addAttribute(
                        Long.class,
                        a -> a.name(TableDefinition.TTL)
                                .getter(i -> i.expiresAt)
                                .setter((i, v) -> i.expiresAt = v))
                .build();
        private String tenantId;
        private String id;
        private String email;
        private String role;
        private String status;
        private String invitedByUserId;
        private String invitedByEmail;
        private Instant createdAt;
        private Instant validUntil;
        private String secretHash;
        private Long expiresAt;

        static InvitationItem from(Invitation invitation, byte[] secretHash) {
            InvitationItem item = new InvitationItem();
            item.setPk(Keys.invitationsPk(invitation.tenantId()));
            item.setSk(Keys.invitationSk(invitation.id()));
            item.tenantId = invitation.tenantId().value();
            item.id = invitation.id().value();
            item.email = invitation.email();
            item.role = invitation.role().name();
            item.status = invitation.status().name();
            item.invitedByUserId = invitation.invitedBy().userId();
            item.invitedByEmail = invitation.invitedBy().email();
            item.createdAt = invitation.createdAt();
            item.validUntil = invitation.validUntil();
            item.secretHash = Base64.getEncoder().encodeToString(secretHash);
            item.expiresAt = invitation.validUntil().plus(KEPT_AFTER_EXPIRY).getEpochSecond();
            return item;
        }

        Invitation toInvitation() {
            return new Invitation(
                    new InvitationId(id),
                    new TenantId(tenantId),
                    email,
                    Role.valueOf(role),
                    InvitationStatus.valueOf(status),
                    new Actor(invitedByUserId, invitedByEmail),
                    createdAt,
                    validUntil);
        }
    }
}

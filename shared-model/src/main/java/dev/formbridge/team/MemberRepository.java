package dev.formbridge.team;

import dev.formbridge.storage.IndexedItem;
import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
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
 * Stores members, one item each under the tenant, also indexed by user (gsi1) for a user's memberships. Every change
 * is conditional on the role that was read, so a change made meanwhile (a transfer, a removal) is never overwritten.
 */
final class MemberRepository {
    private final DynamoDbTable<MemberItem> table;
    private final Storage storage;

    MemberRepository(Storage storage) {
        this.table = storage.table(MemberItem.SCHEMA);
        this.storage = storage;
    }

    /** Stores a new member; false if the user is a member of the tenant already. */
    boolean create(Member member) {
        return conditionally(
                "create member",
                () -> table.putItem(r -> r.item(MemberItem.from(member))
                        .conditionExpression(Expression.builder()
                                .expression("attribute_not_exists(pk)")
                                .build())));
    }

    /** Replaces {@code member}'s item; false if its stored role is no longer {@code expected} (or it is gone). */
    boolean replace(Member member, Role expected) {
        return conditionally(
                "change member",
                () -> table.putItem(r -> r.item(MemberItem.from(member)).conditionExpression(roleIs(expected))));
    }

    /**
     * Makes {@code member} the owner if their stored role is still the one read, stamping the item with
     * {@code transfer}; false otherwise. The stamp lets that transfer, and only it, undo the promotion.
     */
    boolean promote(Member member, String transfer) {
        MemberItem item = MemberItem.from(member.withRole(Role.OWNER));
        item.transfer = transfer;
        return conditionally(
                "promote member", () -> table.putItem(r -> r.item(item).conditionExpression(roleIs(member.role()))));
    }

    /** Puts {@code before} back, if the promotion stamped {@code transfer} is still the latest; false otherwise. */
    boolean undoPromotion(Member before, String transfer) {
        Expression stillMine = Expression.builder()
                .expression("#role = :role AND #transfer = :transfer")
                .expressionNames(Map.of("#role", "role", "#transfer", "transfer"))
                .expressionValues(Map.of(
                        ":role", AttributeValue.fromS(Role.OWNER.name()), ":transfer", AttributeValue.fromS(transfer)))
                .build();
        return conditionally(
                "undo promotion",
                () -> table.putItem(r -> r.item(MemberItem.from(before)).conditionExpression(stillMine)));
    }

    /** Deletes {@code member}; false if its stored role is no longer the one read (or it is gone). */
    boolean delete(Member member) {
        return conditionally(
                "remove member",
                () -> table.deleteItem(r ->
                        r.key(key(member.tenantId(), member.userId())).conditionExpression(roleIs(member.role()))));
    }

    Optional<Member> find(TenantId tenant, String userId) {
        return Optional.ofNullable(Storage.call(
                        "read member",
                        () -> table.getItem(r -> r.key(key(tenant, userId)).consistentRead(true))))
                .map(MemberItem::toMember);
    }

    List<Member> list(TenantId tenant) {
        QueryConditional all = QueryConditional.keyEqualTo(
                Key.builder().partitionValue(Keys.membersPk(tenant)).build());
        return Storage.call(
                "list members",
                () -> table.query(r -> r.queryConditional(all).consistentRead(true)).items().stream()
                        .map(MemberItem::toMember)
                        .toList());
    }

    /**
     * The user's memberships in all tenants: where they are from the user index (eventually consistent), the members
     * themselves from the table by key (the index copies no member attribute).
     */
    List<Member> ofUser(String userId) {
        QueryConditional byUser = QueryConditional.keyEqualTo(
                Key.builder().partitionValue(Keys.userMembershipsPk(userId)).build());
        List<MemberItem> entries = Storage.call(
                "list memberships",
                () -> table.index(TableDefinition.GSI1.name()).query(r -> r.queryConditional(byUser)).stream()
                        .flatMap(page -> page.items().stream())
                        .toList());
        return ItemsByKey.read(storage, MemberItem.SCHEMA, entries).stream()
                .map(MemberItem::toMember)
                .toList();
    }

    private static Key key(TenantId tenant, String userId) {
        return Key.builder()
                .partitionValue(Keys.membersPk(tenant))
                .sortValue(Keys.memberSk(userId))
                .build();
    }

    private static Expression roleIs(Role role) {
        return Expression.builder()
                .expression("#role = :role")
                .expressionNames(Map.of("#role", "role"))
                .expressionValues(Map.of(":role", AttributeValue.fromS(role.name())))
                .build();
    }

    private static boolean conditionally(String what, Runnable write) {
        try {
            Storage.run(what, write);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The stored form of a member. */
    static final class MemberItem extends IndexedItem {
        static final TableSchema<MemberItem> SCHEMA = StaticTableSchema.builder(MemberItem.class)
                .newItemSupplier(MemberItem::new)
                .extend(IndexedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("userId").getter(i -> i.userId).setter((i, v) -> i.userId = v))
                .addAttribute(
                        String.class, a -> a.name("email").getter(i -> i.email).setter((i, v) -> i.email = v))
                .addAttribute(
                        String.class, a -> a.name("role").getter(i -> i.role).setter((i, v) -> i.role = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("joinedAt").getter(i -> i.joinedAt).setter((i, v) -> i.joinedAt = v))
                .addAttribute(
                        String.class,
                        a -> a.name("transfer").getter(i -> i.transfer).setter((i, v) -> i.transfer = v))
                .addAttribute(
                        Boolean.class,
                        a -> a.name("notificationsOff")
                                .getter(i -> i.notificationsOff)
                                .setter((i, v) -> i.notificationsOff = v))
                .build();
        private String tenantId;
        private String userId;
        private String email;
        private String role;
        private Instant joinedAt;
        /** The ownership transfer that made this member the owner; only that transfer may undo it. */
        private String transfer;
        /** Set only when the member turned notifications off, so members stored before the flag have them on. */
        private Boolean notificationsOff;

        static MemberItem from(Member member) {
            MemberItem item = new MemberItem();
            item.setPk(Keys.membersPk(member.tenantId()));
            item.setSk(Keys.memberSk(member.userId()));
            item.setGsi1pk(Keys.userMembershipsPk(member.userId()));
            item.setGsi1sk(Keys.userMembershipSk(member.tenantId()));
            item.tenantId = member.tenantId().value();
            item.userId = member.userId();
            item.email = member.email();
            item.role = member.role().name();
            item.joinedAt = member.joinedAt();
            item.notificationsOff = member.notifications() ? null : Boolean.TRUE;
            return item;
        }

        Member toMember() {
            return new Member(
                    new TenantId(tenantId),
                    userId,
                    email,
                    Role.valueOf(role),
                    joinedAt,
                    !Boolean.TRUE.equals(notificationsOff));
        }
    }
}

package io.stratusmq.security;

/**
 * Decides with what the client's identity carries: the ACL permissions resolved at CONNECT, and the topics its
 * credential limits it to. Both must allow. An identity without resolved permissions gets nothing when an ACL
 * is configured and everything (within its credential's limits) when none is.
 *
 * <p>Thread-safe, non-blocking, allocation-free for publish and read checks.
 */
public final class AclAuthorizer implements Authorizer {

    private final TopicPermissions unresolved;

    /** @param aclConfigured whether any ACL source exists: then "no ACL" means "nothing", not "everything" */
    public AclAuthorizer(boolean aclConfigured) {
        this.unresolved = aclConfigured ? TopicPermissions.NONE : TopicPermissions.ALL;
    }

    @Override
    public boolean mayPublish(ClientIdentity who, String topic) {
        return acl(who).mayWrite(topic) && (who == null || who.grants() == null || who.grants().mayWrite(topic));
    }

    @Override
    public boolean mayRead(ClientIdentity who, String topic) {
        return acl(who).mayRead(topic) && (who == null || who.grants() == null || who.grants().mayRead(topic));
    }

    @Override
    public boolean maySubscribe(ClientIdentity who, String filter) {
        return acl(who).maySubscribe(filter)
                && (who == null || who.grants() == null || who.grants().maySubscribe(filter));
    }

    private TopicPermissions acl(ClientIdentity who) {
        return who == null || who.acl() == null ? unresolved : who.acl();
    }
}

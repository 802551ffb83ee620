package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.ArrayList;
import java.util.List;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * The user pool: users (created FORCE_CHANGE_PASSWORD and enabled, as AWS does; Haneul sends no
 * invitation email), enabling and disabling, and which stacks each user may use.
 */
public final class UserApi {

    private final Catalog catalog;

    UserApi(Catalog catalog) {
        this.catalog = catalog;
    }

    public CreateUserResponse createUser(RequestContext ctx, CreateUserRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            userPoolOnly(r.authenticationTypeAsString());
            if (!r.userName().contains("@")) {
                throw AppStreamException.combination("The user name must be an email address.");
            }
            boolean resend = "RESEND".equals(r.messageActionAsString());
            if (resend) {
                user(s, r.userName());
                return CreateUserResponse.builder().build();
            }
            User user = User.builder().userName(r.userName()).arn(catalog.arn(s, Kinds.USER, r.userName())).authenticationType("USERPOOL")
                    .firstName(r.firstName()).lastName(r.lastName()).enabled(true).status("FORCE_CHANGE_PASSWORD").createdTime(catalog.now())
                    .build();
            if (!catalog.insert(s, Kinds.USER, r.userName(), user)) {
                throw AppStreamException.exists("The user " + r.userName() + " already exists.");
            }
            return CreateUserResponse.builder().build();
        });
    }

    public DescribeUsersResponse describeUsers(RequestContext ctx, DescribeUsersRequest r) {
        return call(() -> {
            List<User> users = "USERPOOL".equals(r.authenticationTypeAsString()) ? catalog.all(Scope.of(ctx), Kinds.USER) : List.of();
            Paging.Page<User> page = Paging.page(users, r.nextToken(), r.maxResults(), 25, User::userName);
            return DescribeUsersResponse.builder().users(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public EnableUserResponse enableUser(RequestContext ctx, EnableUserRequest r) {
        return call(() -> {
            setEnabled(Scope.of(ctx), r.userName(), r.authenticationTypeAsString(), true);
            return EnableUserResponse.builder().build();
        });
    }

    public DisableUserResponse disableUser(RequestContext ctx, DisableUserRequest r) {
        return call(() -> {
            setEnabled(Scope.of(ctx), r.userName(), r.authenticationTypeAsString(), false);
            return DisableUserResponse.builder().build();
        });
    }

    public DeleteUserResponse deleteUser(RequestContext ctx, DeleteUserRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            userPoolOnly(r.authenticationTypeAsString());
            user(s, r.userName());
            catalog.delete(s, Kinds.USER, r.userName());
            catalog.links().forget(s.account(), s.region(), Kinds.USER_STACK, userKey(r.userName(), "USERPOOL"), false);
            return DeleteUserResponse.builder().build();
        });
    }

    public BatchAssociateUserStackResponse batchAssociateUserStack(RequestContext ctx, BatchAssociateUserStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<UserStackAssociationError> errors = new ArrayList<>();
            for (UserStackAssociation a : r.userStackAssociations()) {
                UserStackAssociationError e = check(s, a);
                if (e != null) {
                    errors.add(e);
                } else {
                    catalog.links().put(s.account(), s.region(), Kinds.USER_STACK, a.stackName(), userKey(a.userName(), a.authenticationTypeAsString()),
                            catalog.write(a));
                }
            }
            return BatchAssociateUserStackResponse.builder().errors(errors).build();
        });
    }

    public BatchDisassociateUserStackResponse batchDisassociateUserStack(RequestContext ctx, BatchDisassociateUserStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<UserStackAssociationError> errors = new ArrayList<>();
            for (UserStackAssociation a : r.userStackAssociations()) {
                UserStackAssociationError e = check(s, a);
                if (e != null) {
                    errors.add(e);
                } else {
                    catalog.links().delete(s.account(), s.region(), Kinds.USER_STACK, a.stackName(), userKey(a.userName(), a.authenticationTypeAsString()));
                }
            }
            return BatchDisassociateUserStackResponse.builder().errors(errors).build();
        });
    }

    public DescribeUserStackAssociationsResponse describeUserStackAssociations(RequestContext ctx, DescribeUserStackAssociationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (r.stackName() == null && r.userName() == null) {
                throw AppStreamException.combination("Either StackName or UserName must be specified.");
            }
            if (r.userName() != null && r.authenticationTypeAsString() == null) {
                throw AppStreamException.combination("AuthenticationType is required when UserName is specified.");
            }
            List<UserStackAssociation> list = catalog.links().all(s.account(), s.region(), Kinds.USER_STACK).stream()
                    .filter(l -> r.stackName() == null || r.stackName().equals(l.a()))
                    .filter(l -> r.userName() == null || userKey(r.userName(), r.authenticationTypeAsString()).equals(l.b()))
                    .map(l -> catalog.read(l.doc(), UserStackAssociation.class)).toList();
            Paging.Page<UserStackAssociation> page = Paging.page(list, r.nextToken(), r.maxResults(), 25,
                    a -> a.stackName() + " " + a.userName());
            return DescribeUserStackAssociationsResponse.builder().userStackAssociations(page.items()).nextToken(page.nextToken()).build();
        });
    }

    private UserStackAssociationError check(Scope s, UserStackAssociation a) {
        if (catalog.find(s, Kinds.STACK, a.stackName()).isEmpty()) {
            return error(a, "STACK_NOT_FOUND", "The stack " + a.stackName() + " could not be found.");
        }
        if ("USERPOOL".equals(a.authenticationTypeAsString()) && catalog.find(s, Kinds.USER, a.userName()).isEmpty()) {
            return error(a, "USER_NAME_NOT_FOUND", "The user " + a.userName() + " could not be found.");
        }
        return null;
    }

    private static UserStackAssociationError error(UserStackAssociation a, String code, String message) {
        return UserStackAssociationError.builder().userStackAssociation(a).errorCode(code).errorMessage(message).build();
    }

    static String userKey(String userName, String authenticationType) {
        return authenticationType + "/" + userName;
    }

    private void setEnabled(Scope s, String name, String type, boolean enabled) {
        userPoolOnly(type);
        User u = user(s, name);
        catalog.replace(s, Kinds.USER, name, u.toBuilder().enabled(enabled).build());
    }

    private User user(Scope s, String name) {
        return catalog.find(s, Kinds.USER, name).orElseThrow(() -> AppStreamException.notFound("The user " + name + " could not be found."));
    }

    private static void userPoolOnly(String type) {
        if (!"USERPOOL".equals(type)) {
            throw AppStreamException.combination("The authentication type must be USERPOOL.");
        }
    }

    /** Whether a user pool user exists and is enabled (streaming URLs for a disabled user are refused). */
    boolean disabled(Scope s, String name) {
        return catalog.find(s, Kinds.USER, name).map(u -> !Boolean.TRUE.equals(u.enabled())).orElse(false);
    }
}

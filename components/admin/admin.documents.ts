/**
 * Every GraphQL document of the users-and-permissions screen and the profile page, typed against
 * schema.graphql (a renamed field fails `npm run typecheck`). Plain module, no 'use client': the Server
 * Component pages prefetch the same documents the client components then read from the cache.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

// ---- users

/** One user as the list row, the detail header and the edit dialog show it. */
export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    login
    fullName
    email
    phone
    isAdmin
    isActive
  }
`);
export type UserSummary = ResultOf<typeof UserFieldsFragment>;

export const UsersQuery = graphql(
  `
    query Users {
      users {
        ...UserFields
      }
    }
  `,
  [UserFieldsFragment],
);

export const CreateUserMutation = graphql(
  `
    mutation CreateUser($input: CreateUserInput!) {
      createUser(input: $input) {
        ...UserFields
      }
    }
  `,
  [UserFieldsFragment],
);

export const UpdateUserMutation = graphql(
  `
    mutation UpdateUser($id: Int!, $input: UpdateUserInput!) {
      updateUser(id: $id, input: $input) {
        ...UserFields
      }
    }
  `,
  [UserFieldsFragment],
);

export const ResetUserPasswordMutation = graphql(`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input)
  }
`);

/** Returns a Boolean: the caller names `User` in `additionalTypenames` so the list refreshes. */
export const DeleteUserMutation = graphql(`
  mutation DeleteUser($id: Int!) {
    deleteUser(id: $id)
  }
`);

// ---- rights per branch

export const PermissionRowFragment = graphql(`
  fragment PermissionRowFields on PermissionRow {
    group
    object
    label
    access
    add
    edit
    delete
    print
    export
  }
`);
export type PermissionRow = ResultOf<typeof PermissionRowFragment>;

export const PermissionMatrixQuery = graphql(
  `
    query PermissionMatrix($userId: Int!, $branchId: Int!) {
      permissionMatrix(userId: $userId, branchId: $branchId) {
        ...PermissionRowFields
      }
    }
  `,
  [PermissionRowFragment],
);

export const SetPermissionsMutation = graphql(
  `
    mutation SetPermissions($input: SetPermissionsInput!) {
      setPermissions(input: $input) {
        ...PermissionRowFields
      }
    }
  `,
  [PermissionRowFragment],
);

// ---- the organisation the rights and books are granted on

/**
 * Branches, routes and books (one page of the largest size each) and the permission objects, read once for
 * the whole screen. A utility with more than 500 books is told so on the screen rather than shown a partial
 * tree silently (see `orgTreeIncomplete`).
 */
export const OrgTreeQuery = graphql(`
  query AdminOrgTree($filter: CatalogQuery) {
    branches(filter: $filter) {
      total
      rows {
        id
        code
        name
      }
    }
    routes(filter: $filter) {
      total
      rows {
        id
        code
        name
        branchId
      }
    }
    readingBooks(filter: $filter) {
      total
      rows {
        id
        code
        name
        routeId
      }
    }
    permissionObjects {
      group
      label
      objects {
        key
        label
      }
    }
  }
`);
export const ORG_TREE_VARIABLES = { filter: { offset: 0, limit: 500 } } as const;

export type OrgTreeData = ResultOf<typeof OrgTreeQuery>;
export type Branch = OrgTreeData['branches']['rows'][number];
export type Route = OrgTreeData['routes']['rows'][number];
export type Book = OrgTreeData['readingBooks']['rows'][number];
export type PermissionGroup = OrgTreeData['permissionObjects'][number];
export interface OrgTree {
  branches: readonly Branch[];
  routes: readonly Route[];
  books: readonly Book[];
}

export const orgTreeIncomplete = (d: OrgTreeData) =>
  d.branches.rows.length < d.branches.total ||
  d.routes.rows.length < d.routes.total ||
  d.readingBooks.rows.length < d.readingBooks.total;

// ---- books and routes of one user

export const UserBooksQuery = graphql(`
  query UserBooks($id: Int!) {
    user(id: $id) {
      id
      bookIds
      routeIds
    }
  }
`);

export const SetUserBooksMutation = graphql(`
  mutation SetUserBooks($input: SetUserBooksInput!) {
    setUserBooks(input: $input) {
      id
      bookIds
      routeIds
    }
  }
`);

// ---- the signed-in user's own profile

export const ProfileFieldsFragment = graphql(`
  fragment ProfileFields on User {
    id
    login
    fullName
    email
    phone
    isAdmin
  }
`);
export type Me = ResultOf<typeof ProfileFieldsFragment>;

export const MeQuery = graphql(
  `
    query Me {
      me {
        ...ProfileFields
      }
    }
  `,
  [ProfileFieldsFragment],
);

export const UpdateProfileMutation = graphql(
  `
    mutation UpdateProfile($input: ProfileInput!) {
      updateProfile(input: $input) {
        ...ProfileFields
      }
    }
  `,
  [ProfileFieldsFragment],
);

/** The server renews the session cookie of the caller in the response, so this tab stays signed in. */
export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

/**
 * The schema query GraphiQL sends when its page opens (graphiql 3.8.3's bundled copy of
 * graphql-js `getIntrospectionQuery`, called with GraphiQL's defaults), and the variant it retries
 * with when the first answer has no `data` (without `subscriptionType`). Registered as built-in
 * trusted documents so the explorer keeps its docs and autocompletion under
 * `TRUSTED_DOCUMENTS=required` (introspection itself stays subject to `INTROSPECTION`).
 *
 * The text must match GraphiQL's byte for byte (the gateway compares SHA-256 hashes), and it
 * differs from the server's graphql-js 16.15 `getIntrospectionQuery` (no `kind` beside the root
 * type names, another `TypeRef` order): test/server/trustedDocuments.test.ts rebuilds it from the
 * served bundle, so a GraphiQL upgrade that changes it fails there.
 */

/** Module-private: GraphiQL's bundled `getIntrospectionQuery` as GraphiQL calls it (descriptions on, every optional part off). */
function graphiqlIntrospectionQuery(): string {
  const descriptions = 'description';
  const specifiedByUrl = '';
  const directiveIsRepeatable = '';
  const schemaDescription = '';
  const inputDeprecation = (_text: string) => '';
  const oneOf = '';
  return `
    query IntrospectionQuery {
      __schema {
        ${schemaDescription}
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          ${descriptions}
          ${directiveIsRepeatable}
          locations
          args${inputDeprecation('(includeDeprecated: true)')} {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      ${descriptions}
      ${specifiedByUrl}
      ${oneOf}
      fields(includeDeprecated: true) {
        name
        ${descriptions}
        args${inputDeprecation('(includeDeprecated: true)')} {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields${inputDeprecation('(includeDeprecated: true)')} {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        ${descriptions}
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      ${descriptions}
      type { ...TypeRef }
      defaultValue
      ${inputDeprecation('isDeprecated')}
      ${inputDeprecation('deprecationReason')}
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  `;
}

/** The introspection documents GraphiQL sends: the first attempt, then its retry without `subscriptionType`. */
export function graphiqlIntrospectionQueries(): readonly string[] {
  const query = graphiqlIntrospectionQuery();
  return [query, query.replace('subscriptionType { name }', '')];
}

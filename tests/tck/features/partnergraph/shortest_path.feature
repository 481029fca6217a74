# PartnerGraph's own scenarios (see as_of.feature).

Feature: PartnerGraph shortestPath - with and without a relation type filter

  # China and Cambodia are two hops apart through ASEAN (both members), and
  # three hops apart along the money: China funds the ILO, which implements
  # a project that benefits Cambodia.

  Background:
    Given the partnergraph schema
    And having imported:
      """
      {"entities": [
         {"id": "china", "kind": "country", "name": {"en": "China", "zh": "中国"}},
         {"id": "cambodia", "kind": "country", "name": {"en": "Cambodia", "zh": "柬埔寨"}},
         {"id": "asean", "kind": "regional_org",
          "name": {"en": "Association of Southeast Asian Nations", "zh": "东南亚国家联盟"}},
         {"id": "ilo", "kind": "un_entity",
          "name": {"en": "International Labour Organization", "zh": "国际劳工组织"}},
         {"id": "proj-a", "kind": "project", "name": {"en": "Project A"}}],
       "relations": [
         {"id": "cn-member-asean", "type": "member_of", "from": "china", "to": "asean"},
         {"id": "kh-member-asean", "type": "member_of", "from": "cambodia", "to": "asean"},
         {"id": "cn-funds-ilo", "type": "funds", "from": "china", "to": "ilo"},
         {"id": "ilo-implements-a", "type": "implements", "from": "ilo", "to": "proj-a"},
         {"id": "a-benefits-kh", "type": "benefits", "from": "proj-a", "to": "cambodia"}]}
      """

  Scenario: [1] The shortest path over any relation, in any direction
    When executing query:
      """
      MATCH p = shortestPath((a {id: 'china'})-[*]-(b {id: 'cambodia'}))
      RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids
      """
    Then the result should be, in any order:
      | hops | ids                            |
      | 2    | ['china', 'asean', 'cambodia'] |

  Scenario: [2] The shortest path along funding, implementing and benefiting only
    When executing query:
      """
      MATCH p = shortestPath((a {id: 'china'})-[:funds|implements|benefits*]->(b {id: 'cambodia'}))
      RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids,
             [r IN relationships(p) | type(r)] AS types
      """
    Then the result should be, in any order:
      | hops | ids                                     | types                                  |
      | 3    | ['china', 'ilo', 'proj-a', 'cambodia'] | ['funds', 'implements', 'benefits'] |

  Scenario: [3] No path when the filter leaves the two apart
    When executing query:
      """
      MATCH p = shortestPath((a {id: 'china'})-[:funds*]->(b {id: 'cambodia'}))
      RETURN length(p) AS hops
      """
    Then the result should be empty

  Scenario: [4] A directed filter does not walk a relation backwards
    When executing query:
      """
      MATCH p = shortestPath((a {id: 'cambodia'})-[:funds|implements|benefits*]->(b {id: 'china'}))
      RETURN length(p) AS hops
      """
    Then the result should be empty

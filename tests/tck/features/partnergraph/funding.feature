# PartnerGraph's own scenarios (see as_of.feature).

Feature: PartnerGraph funding - who funds projects that benefit a country

  # The funding pattern of the bundled dataset: a funder funds a project that
  # benefits a country. An initiative is not a project; implementing is not
  # funding.

  Background:
    Given the partnergraph schema
    And having imported:
      """
      {"entities": [
         {"id": "china", "kind": "country", "name": {"en": "China", "zh": "中国"}},
         {"id": "korea", "kind": "country", "name": {"en": "Republic of Korea", "zh": "大韩民国"}},
         {"id": "ilo", "kind": "un_entity",
          "name": {"en": "International Labour Organization", "zh": "国际劳工组织"}},
         {"id": "cambodia", "kind": "country", "name": {"en": "Cambodia", "zh": "柬埔寨"}},
         {"id": "lao-pdr", "kind": "country", "name": {"en": "Lao PDR", "zh": "老挝"}},
         {"id": "proj-a", "kind": "project", "name": {"en": "Project A"}},
         {"id": "proj-b", "kind": "project", "name": {"en": "Project B"}},
         {"id": "init-c", "kind": "initiative", "name": {"en": "Initiative C"}}],
       "relations": [
         {"id": "cn-funds-a", "type": "funds", "from": "china", "to": "proj-a"},
         {"id": "kr-funds-a", "type": "funds", "from": "korea", "to": "proj-a"},
         {"id": "cn-funds-b", "type": "funds", "from": "china", "to": "proj-b"},
         {"id": "cn-funds-c", "type": "funds", "from": "china", "to": "init-c"},
         {"id": "ilo-implements-a", "type": "implements", "from": "ilo", "to": "proj-a"},
         {"id": "a-benefits-kh", "type": "benefits", "from": "proj-a", "to": "cambodia"},
         {"id": "b-benefits-la", "type": "benefits", "from": "proj-b", "to": "lao-pdr"},
         {"id": "c-benefits-kh", "type": "benefits", "from": "init-c", "to": "cambodia"}]}
      """

  Scenario: [1] Funders of projects that benefit Cambodia
    When executing query:
      """
      MATCH (f)-[:funds]->(p:project)-[:benefits]->(c:country {id: 'cambodia'})
      RETURN f.id AS funder, p.id AS project
      """
    Then the result should be, in any order:
      | funder  | project  |
      | 'china' | 'proj-a' |
      | 'korea' | 'proj-a' |

  Scenario: [2] Without the project label the initiative counts too
    When executing query:
      """
      MATCH (f)-[:funds]->(p)-[:benefits]->(c:country {id: 'cambodia'})
      RETURN f.id AS funder, p.id AS undertaking
      """
    Then the result should be, in any order:
      | funder  | undertaking |
      | 'china' | 'proj-a'    |
      | 'korea' | 'proj-a'    |
      | 'china' | 'init-c'    |

  Scenario: [3] Distinct funders per beneficiary country
    When executing query:
      """
      MATCH (f)-[:funds]->(p:project)-[:benefits]->(c:country)
      RETURN c.id AS country, count(DISTINCT f) AS funders
      ORDER BY country
      """
    Then the result should be, in order:
      | country    | funders |
      | 'cambodia' | 2       |
      | 'lao-pdr'  | 1       |

  Scenario: [4] Labels are kinds
    When executing query:
      """
      MATCH (p)-[:benefits]->(c {id: 'cambodia'})
      RETURN p.id AS id, labels(p) AS labels
      """
    Then the result should be, in any order:
      | id       | labels         |
      | 'proj-a' | ['project']    |
      | 'init-c' | ['initiative'] |

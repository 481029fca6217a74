# PartnerGraph's own scenarios (see as_of.feature).

Feature: PartnerGraph amounts - sums grouped by currency

  # `r.amount` is the amount's value and `r.currency` its ISO 4217 code; a
  # sum must be grouped by currency, never adding USD to CHF. The values here
  # have fractions (exact in binary) so that every amount and sum is a float
  # whatever the engine does with whole numbers.

  Background:
    Given the partnergraph schema
    And having imported:
      """
      {"entities": [
         {"id": "china", "kind": "country", "name": {"en": "China", "zh": "中国"}},
         {"id": "korea", "kind": "country", "name": {"en": "Republic of Korea", "zh": "大韩民国"}},
         {"id": "proj-a", "kind": "project", "name": {"en": "Project A"}},
         {"id": "proj-b", "kind": "project", "name": {"en": "Project B"}}],
       "relations": [
         {"id": "cn-funds-a", "type": "funds", "from": "china", "to": "proj-a", "since": "2018",
          "amount": {"value": 745000.5, "currency": "USD"}},
         {"id": "kr-funds-a", "type": "funds", "from": "korea", "to": "proj-a", "since": "2019",
          "amount": {"value": 254999.5, "currency": "USD"}},
         {"id": "cn-funds-b", "type": "funds", "from": "china", "to": "proj-b", "since": "2019",
          "amount": {"value": 300000.25, "currency": "CHF"}},
         {"id": "kr-funds-b", "type": "funds", "from": "korea", "to": "proj-b", "since": "2020"}]}
      """

  Scenario: [1] Sum of amounts per currency
    When executing query:
      """
      MATCH ()-[r:funds]->()
      WHERE r.amount IS NOT NULL
      RETURN r.currency AS currency, sum(r.amount) AS total, count(r) AS relations
      """
    Then the result should be, in any order:
      | currency | total     | relations |
      | 'USD'    | 1000000.0 | 2         |
      | 'CHF'    | 300000.25 | 1         |

  Scenario: [2] Sum of amounts per funder and currency
    When executing query:
      """
      MATCH (f)-[r:funds]->()
      WHERE r.amount IS NOT NULL
      RETURN f.id AS funder, r.currency AS currency, sum(r.amount) AS total
      ORDER BY funder, currency
      """
    Then the result should be, in order:
      | funder  | currency | total     |
      | 'china' | 'CHF'    | 300000.25 |
      | 'china' | 'USD'    | 745000.5  |
      | 'korea' | 'USD'    | 254999.5  |

  Scenario: [3] A relation without an amount has neither amount nor currency
    When executing query:
      """
      MATCH ()-[r:funds]->()
      WHERE r.amount IS NULL
      RETURN r.id AS id, r.currency AS currency
      """
    Then the result should be, in any order:
      | id           | currency |
      | 'kr-funds-b' | null     |

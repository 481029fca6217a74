# PartnerGraph's own scenarios (see as_of.feature).

Feature: PartnerGraph names - English and Chinese names

  # `name` is the English name (null when the entity has none), `name_zh`
  # the Chinese one; both are exact text, matched as written.

  Background:
    Given the partnergraph schema
    And having imported:
      """
      {"entities": [
         {"id": "ilo", "kind": "un_entity",
          "name": {"en": "International Labour Organization", "zh": "国际劳工组织"},
          "aliases": ["ILO", "国际劳工局"]},
         {"id": "cn-mohrss", "kind": "ministry",
          "name": {"en": "Ministry of Human Resources and Social Security", "zh": "人力资源和社会保障部"},
          "aliases": ["MOHRSS", "人社部"]},
         {"id": "cn-calss", "kind": "institution", "name": {"zh": "中国劳动和社会保障科学研究院"}}]}
      """

  Scenario: [1] An entity found by its Chinese name
    When executing query:
      """
      MATCH (n {name_zh: '国际劳工组织'})
      RETURN n.id
      """
    Then the result should be, in any order:
      | n.id  |
      | 'ilo' |

  Scenario: [2] Both names of one entity
    When executing query:
      """
      MATCH (n {id: 'cn-mohrss'})
      RETURN n.name AS en, n.name_zh AS zh
      """
    Then the result should be, in any order:
      | en                                                | zh           |
      | 'Ministry of Human Resources and Social Security' | '人力资源和社会保障部' |

  Scenario: [3] An entity with only a Chinese name has no English name
    When executing query:
      """
      MATCH (n)
      WHERE n.name_zh STARTS WITH '中国'
      RETURN n.id AS id, n.name AS en
      """
    Then the result should be, in any order:
      | id         | en   |
      | 'cn-calss' | null |

  Scenario: [4] Aliases are a list of strings
    When executing query:
      """
      MATCH (n {id: 'ilo'})
      RETURN n.aliases AS aliases
      """
    Then the result should be, in any order:
      | aliases             |
      | ['ILO', '国际劳工局'] |

  Scenario: [5] A Chinese name that is not there matches nothing
    When executing query:
      """
      MATCH (n {name_zh: '国际劳工'})
      RETURN n.id
      """
    Then the result should be empty

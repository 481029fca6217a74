# PartnerGraph's own scenarios, read with the same runner as the openCypher TCK
# (tests/tck/run.py). `Given the partnergraph schema` means data/schema.json;
# `having imported:` holds a PartnerGraph import document.

Feature: PartnerGraph AS OF - relations in force at a partial date

  # A relation is in force at a date when the two periods overlap (date.h,
  # InForceAt): it started no later than the date's last day and did not end
  # before its first day. `until` is the last year, month or day in force;
  # an empty since or until is an open end. So an MoU signed in 2019-06 is in
  # force as of '2019' but not as of '2019-05'.

  Background:
    Given the partnergraph schema
    And having imported:
      """
      {"sources": [{"doc": "001_4d15d9a4381d9caa.txt", "title": "China ILO Cooperation", "language": "en"}],
       "entities": [
         {"id": "cn-mohrss", "kind": "ministry",
          "name": {"en": "Ministry of Human Resources and Social Security", "zh": "人力资源和社会保障部"}},
         {"id": "ilo", "kind": "un_entity",
          "name": {"en": "International Labour Organization", "zh": "国际劳工组织"}}],
       "relations": [
         {"id": "mou-2012", "type": "mou", "from": "cn-mohrss", "to": "ilo", "since": "2012"},
         {"id": "mou-2016", "type": "mou", "from": "cn-mohrss", "to": "ilo",
          "since": "2016-03", "until": "2018"},
         {"id": "mou-2019", "type": "mou", "from": "cn-mohrss", "to": "ilo", "since": "2019-06",
          "title": "South-South Cooperation under the Framework of the Belt and Road Initiative",
          "source": {"doc": "001_4d15d9a4381d9caa.txt",
                     "quote": "signed by the Ministry of Human Resources and Social Security - MOHRSS"}}]}
      """

  Scenario: [1] Without AS OF every relation matches
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b)
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |
      | 'mou-2016' |
      | 'mou-2019' |

  Scenario: [2] A relation since 2019-06 is in force as of the year 2019
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b) AS OF '2019'
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |
      | 'mou-2019' |

  Scenario: [3] A relation since 2019-06 is not in force as of 2019-05
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b) AS OF '2019-05'
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |

  Scenario: [4] A relation since 2019-06 is in force on its first day
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b) AS OF '2019-06-01'
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |
      | 'mou-2019' |

  Scenario: [5] A relation until 2018 is in force on the year's last day, not after
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b) AS OF '2018-12-31'
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |
      | 'mou-2016' |

  Scenario: [6] A relation since 2016-03 is in force as of 2016 but not as of 2016-02
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b) AS OF '2016-02'
      RETURN r.id AS id
      """
    Then the result should be, in any order:
      | id         |
      | 'mou-2012' |

  Scenario: [7] The period fields read back as written
    When executing query:
      """
      MATCH (a {id: 'cn-mohrss'})-[r:mou]->(b)
      RETURN r.id AS id, r.since AS since, r.until AS until, r.source_doc AS doc
      """
    Then the result should be, in any order:
      | id         | since     | until  | doc                        |
      | 'mou-2012' | '2012'    | null   | null                       |
      | 'mou-2016' | '2016-03' | '2018' | null                       |
      | 'mou-2019' | '2019-06' | null   | '001_4d15d9a4381d9caa.txt' |

// An organisation, country, project, initiative, instrument or event.
#ifndef PARTNERGRAPH_ENTITY_H_
#define PARTNERGRAPH_ENTITY_H_

#include <map>
#include <string>
#include <vector>

namespace partnergraph {

struct Name {
  std::string en;
  std::string zh;  // empty when no source gives a Chinese name
  friend bool operator==(const Name&, const Name&) = default;
};

struct Entity {
  std::string id;    // lowercase slug, stable: "ilo", "cn-mohrss"
  std::string kind;  // one of the schema's kinds
  Name name;
  std::vector<std::string> aliases;               // acronyms and short forms: "ILO", "人社部"
  std::map<std::string, std::string> attributes;  // founded, headquarters, url, notes, ...

  // The English name, or the Chinese one when there is no English name.
  const std::string& DisplayName() const { return name.en.empty() ? name.zh : name.en; }

  friend bool operator==(const Entity&, const Entity&) = default;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_ENTITY_H_

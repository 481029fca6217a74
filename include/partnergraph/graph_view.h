// What a picture shows: the entities and relations a caller chose (the whole
// graph, a neighbourhood, a path, the funding flows), plus what to emphasise.
// The viz module draws a GraphView; it never decides what belongs in one.
#ifndef PARTNERGRAPH_GRAPH_VIEW_H_
#define PARTNERGRAPH_GRAPH_VIEW_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph {

struct GraphView {
  // Shown above the picture; empty for none.
  std::string title;

  // In any order: the DOT writer sorts entities by id and relations by id.
  // Entity ids and relation ids must be unique, and both ends of every
  // relation must be among `entities` (WriteDot fails otherwise).
  std::vector<Entity> entities;
  std::vector<Relation> relations;

  // Entity and relation ids to emphasise (a path). When non-empty, these are
  // drawn thicker in the style's emphasis colour and everything else is
  // dimmed. Ids not in the view are ignored.
  std::set<std::string> highlighted;

  // Money flows left to right: rankdir=LR, edge width scaled by amount
  // (relative to the largest amount in the view; currencies are not
  // converted), and amount, currency and period on the edge labels.
  bool funding_layout = false;

  // The entity radial layouts (twopi) put in the middle: the focus of an ego
  // network. Empty, or an id not in the view: the layout chooses.
  std::string center;

  // A change overlay (`pgraph dot --diff A B`): relation id -> how it changed
  // between two dates, named as RelationChangeName (diff.h) names it
  // ("began", "ended", "unchanged", ...). When non-empty, every relation is
  // drawn in its change's style over its type's, and the legend lists the
  // changes, under `changes_legend` ("2015 → 2019").
  std::map<std::string, std::string> changes;
  std::string changes_legend;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_GRAPH_VIEW_H_

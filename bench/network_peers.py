#!/usr/bin/python3
"""network_peers.py - the peers of bench_network: python-igraph and networkx.

Run with Debian's /usr/bin/python3 (python3-igraph 0.10.2, python3-networkx
2.8.8).  bench_network starts it on the same edge list it ingests and reads
the JSON it prints on stdout; it can also be run by hand:

  network_peers.py measures EDGES.csv
  network_peers.py speed EDGES.csv --sources FILE --ego FILE [--seed N]
                   [--only igraph|networkx]

EDGES.csv has a header `source,target,weight`.  Both libraries are fed from
one reading of it, done the way invigor's projection sees the file: names
are trimmed, a row whose two ends are the same node is dropped (a
self-loop), an empty or non-positive weight counts 1, every name in the
file is a node (in order of first appearance), and rows naming the same
pair are one undirected edge whose weight is the sum of theirs.  (invigor
sums the rows A,B and B,A the same way, but a row repeated as it stands is
one UnknownLink there; the JSON counts such rows and bench_network prints a
note when a file has any.  The files it reads have none.)

measures: per node, from each library
  degree            neighbours
  betweenness       unweighted, undirected, unnormalised.  networkx counts
                    each undirected path twice and, with normalized=False,
                    halves it: the same figure as igraph.
  betweenness_norm  divided by (n-1)(n-2)/2.  igraph: the raw figure
                    divided here; networkx: normalized=True, which divides
                    its doubled count by (n-1)(n-2): the same.
  closeness         unweighted, 1 / mean distance to the nodes reached.
                    igraph counts the reached nodes only.  networkx's
                    default (wf_improved=True) also scales by the share of
                    the graph reached, which differs on a disconnected
                    graph, so it is called with wf_improved=False here.
                    An isolated node: igraph NaN (printed null), networkx 0.
  pagerank          weighted, damping 0.85; igraph PRPACK (exact solve),
                    networkx power iteration with tol=1e-13 and up to
                    100,000 iterations so it converges well below 1e-9
                    (nx.pagerank needs SciPy; without it networkx 2.8's
                    pure-Python _pagerank_python, the same iteration).
  coreness          k-core number (igraph coreness, networkx core_number).
It also checks that betweenness from every node as a source, computed by
the subset routine the speed mode uses (see below), equals igraph's exact
figure.

speed: on a large edge list, each library's time for
  betweenness  from the sources listed in --sources (one name a line),
               unweighted, to every node.  python-igraph 0.10.2's
               betweenness() has no sources= argument (a later release
               added it), so the call is igraph_betweenness_subset of
               Debian's libigraph3 0.10.2 (the C library invigor links;
               python-igraph carries its own copy of the same release, and
               the versions are checked to match), through ctypes, on
               python-igraph's own graph (Graph._raw_pointer()).  networkx:
               betweenness_centrality_subset(sources, all nodes).
  communities  python-igraph community_leiden (objective modularity,
               weighted, resolution 1, beta 0.01, run until an iteration
               improves nothing) with igraph's own random generator;
               networkx 2.8 has no Leiden: louvain_communities (weighted,
               resolution 1, seeded) stands in for it.
  k-core       coreness / core_number.
  ego          the nodes within 3 hops of each start node in --ego
               (neighborhood(order=3) / single_source_shortest_path_length
               with cutoff 3); also, for information, the ego network as a
               subgraph (induced_subgraph of that neighbourhood / ego_graph).
Reading the file and building each library's graph are timed apart.  Per
node values (betweenness, coreness) are printed for the benchmark to
compare with its own.  --only runs one library (bench_network runs
python-igraph once per round, interleaved with its own rounds, and networkx
once).
"""

import argparse
import csv
import ctypes
import ctypes.util
import importlib.util
import json
import math
import statistics
import sys
import time

import igraph
import networkx as nx


def read_edges(path):
    """The file as (names, pairs, weights, self_loops, merged)."""
    index = {}
    names = []
    weight_of = {}
    self_loops = 0
    merged = 0

    def node(name):
        at = index.get(name)
        if at is None:
            at = index[name] = len(names)
            names.append(name)
        return at

    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a = node(row["source"].strip())
            b = node(row["target"].strip())
            try:
                w = float(row.get("weight") or "")
            except ValueError:
                w = 1.0
            if not (w > 0 and math.isfinite(w)):
                w = 1.0
            if a == b:
                self_loops += 1
                continue
            key = (a, b) if a < b else (b, a)
            if key in weight_of:
                merged += 1
                weight_of[key] += w
            else:
                weight_of[key] = w
    pairs = list(weight_of)
    return names, pairs, [weight_of[p] for p in pairs], self_loops, merged


def build_igraph(names, pairs, weights):
    g = igraph.Graph(n=len(names), edges=pairs, directed=False)
    g.es["weight"] = weights
    return g


def build_networkx(names, pairs, weights):
    g = nx.Graph()
    g.add_nodes_from(range(len(names)))
    g.add_weighted_edges_from((a, b, w) for (a, b), w in zip(pairs, weights))
    return g


class SubsetBetweenness:
    """igraph_betweenness_subset of libigraph 0.10.2, called on a python-igraph graph."""

    class VectorInt(ctypes.Structure):
        _fields_ = [("begin", ctypes.POINTER(ctypes.c_int64)),
                    ("stor_end", ctypes.POINTER(ctypes.c_int64)),
                    ("end", ctypes.POINTER(ctypes.c_int64))]

    class Vector(ctypes.Structure):
        _fields_ = [("begin", ctypes.POINTER(ctypes.c_double)),
                    ("stor_end", ctypes.POINTER(ctypes.c_double)),
                    ("end", ctypes.POINTER(ctypes.c_double))]

    class VertexSet(ctypes.Structure):
        # igraph_vs_t: the type, then a union of at most two 64-bit words
        _fields_ = [("type", ctypes.c_int), ("data", ctypes.c_int64 * 2)]

    def __init__(self):
        path = ctypes.util.find_library("igraph") or "libigraph.so.3"
        lib = ctypes.CDLL(path)
        version = ctypes.c_char_p()
        lib.igraph_version(ctypes.byref(version), None, None, None)
        self.version = version.value.decode()
        if self.version != igraph.__version__:
            raise RuntimeError("libigraph %s is not python-igraph's %s"
                               % (self.version, igraph.__version__))
        vs, vec, ivec = self.VertexSet, self.Vector, self.VectorInt
        lib.igraph_vss_all.restype = vs
        lib.igraph_vss_all.argtypes = []
        lib.igraph_vs_vector.argtypes = [ctypes.POINTER(vs), ctypes.POINTER(ivec)]
        lib.igraph_vector_int_init.argtypes = [ctypes.POINTER(ivec), ctypes.c_int64]
        lib.igraph_vector_int_destroy.argtypes = [ctypes.POINTER(ivec)]
        lib.igraph_vector_init.argtypes = [ctypes.POINTER(vec), ctypes.c_int64]
        lib.igraph_vector_destroy.argtypes = [ctypes.POINTER(vec)]
        lib.igraph_betweenness_subset.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(vec), vs, ctypes.c_int, vs, vs, ctypes.c_void_p]
        self.lib = lib

    def __call__(self, g, sources):
        """Unnormalised betweenness of every node, counting paths from `sources` only."""
        lib = self.lib
        src, res, vs = self.VectorInt(), self.Vector(), self.VertexSet()
        if lib.igraph_vector_int_init(ctypes.byref(src), len(sources)):
            raise MemoryError
        try:
            for i, v in enumerate(sources):
                src.begin[i] = v
            if lib.igraph_vector_init(ctypes.byref(res), 0):
                raise MemoryError
            try:
                if lib.igraph_vs_vector(ctypes.byref(vs), ctypes.byref(src)):
                    raise RuntimeError("igraph_vs_vector failed")
                rc = lib.igraph_betweenness_subset(g._raw_pointer(), ctypes.byref(res),
                                                   lib.igraph_vss_all(), 0, vs,
                                                   lib.igraph_vss_all(), None)
                if rc:
                    raise RuntimeError("igraph_betweenness_subset failed (%d)" % rc)
                return res.begin[:g.vcount()]
            finally:
                lib.igraph_vector_destroy(ctypes.byref(res))
        finally:
            lib.igraph_vector_int_destroy(ctypes.byref(src))


def pagerank_networkx(g):
    """networkx's PageRank: nx.pagerank needs SciPy, which Debian's python3 here
    lacks; networkx 2.8's pure-Python power iteration is the same method."""
    if importlib.util.find_spec("scipy"):
        run = nx.pagerank
    else:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as run
    return run(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=100000)


def finite_or_none(x):
    return x if math.isfinite(x) else None


def measures(args):
    names, pairs, weights, loops, merged = read_edges(args.edges)
    n = len(names)
    pair_norm = (n - 1) * (n - 2) / 2 if n > 2 else None

    ig = build_igraph(names, pairs, weights)
    bet = ig.betweenness(directed=False)
    clo = ig.closeness(mode="all")
    pr = ig.pagerank(directed=False, damping=0.85, weights="weight")
    core = ig.coreness()
    deg = ig.degree()
    ig_values = {
        names[v]: [deg[v], bet[v], bet[v] / pair_norm if pair_norm else 0.0,
                   finite_or_none(clo[v]), pr[v], core[v]]
        for v in range(n)
    }
    subset = SubsetBetweenness()
    from_all = subset(ig, list(range(n)))
    subset_diff = max((abs(x - y) for x, y in zip(from_all, bet)), default=0.0)

    g = build_networkx(names, pairs, weights)
    nbet = nx.betweenness_centrality(g, normalized=False)
    nbet_norm = nx.betweenness_centrality(g, normalized=True)
    nclo = nx.closeness_centrality(g, wf_improved=False)
    npr = pagerank_networkx(g)
    ncore = nx.core_number(g)
    nx_values = {
        names[v]: [g.degree(v), nbet[v], nbet_norm[v], nclo[v], npr[v], ncore[v]]
        for v in range(n)
    }
    json.dump({
        "file": args.edges,
        "nodes": n,
        "edges": len(pairs),
        "self_loops_dropped": loops,
        "rows_merged": merged,
        "measures": ["degree", "betweenness", "betweenness_norm", "closeness", "pagerank",
                     "coreness"],
        "igraph": {"version": igraph.__version__, "values": ig_values,
                   "subset_all_sources_max_diff": subset_diff},
        "networkx": {"version": nx.__version__, "values": nx_values},
    }, sys.stdout)
    sys.stdout.write("\n")


def read_names(path, index):
    with open(path, encoding="utf-8") as f:
        wanted = [line.rstrip("\n") for line in f if line.strip()]
    missing = [w for w in wanted if w not in index]
    if missing:
        raise SystemExit("network_peers: %s: %d names not in the edge list (first: %r)"
                         % (path, len(missing), missing[0]))
    return [index[w] for w in wanted]


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def ego_times(query, starts):
    times, sizes = [], []
    for v in starts:
        secs, size = timed(lambda: query(v))
        times.append(secs)
        sizes.append(size)
    return {"median": statistics.median(times), "max": max(times), "total": sum(times),
            "sizes": sizes}


def speed_igraph(names, pairs, weights, sources, starts, out, values):
    secs, ig = timed(lambda: build_igraph(names, pairs, weights))
    out["load"]["igraph_build"] = secs
    igraph.set_random_number_generator(None)  # igraph's own generator, not Python's
    subset = SubsetBetweenness()
    r = {"version": igraph.__version__, "libigraph": subset.version}
    r["betweenness"], values["igraph_betweenness"] = timed(lambda: subset(ig, sources))
    r["leiden"], part = timed(lambda: ig.community_leiden(
        objective_function="modularity", weights="weight", resolution_parameter=1.0,
        beta=0.01, n_iterations=-1))
    r["communities"] = len(part)
    r["modularity"] = ig.modularity(part.membership, weights="weight")
    r["kcore"], values["igraph_coreness"] = timed(ig.coreness)
    r["ego"] = ego_times(lambda v: len(ig.neighborhood(v, order=3)), starts)
    r["ego_subgraph"] = ego_times(
        lambda v: ig.induced_subgraph(ig.neighborhood(v, order=3)).vcount(), starts)
    out["igraph"] = r


def speed_networkx(names, pairs, weights, sources, starts, seed, out, values):
    secs, g = timed(lambda: build_networkx(names, pairs, weights))
    out["load"]["networkx_build"] = secs
    r = {"version": nx.__version__}
    r["betweenness"], bet = timed(lambda: nx.betweenness_centrality_subset(
        g, sources, list(g), normalized=False))
    r["louvain"], comms = timed(lambda: nx.community.louvain_communities(
        g, weight="weight", resolution=1, seed=seed))
    r["communities"] = len(comms)
    r["modularity"] = nx.community.modularity(g, comms, weight="weight")
    r["kcore"], core = timed(lambda: nx.core_number(g))
    r["ego"] = ego_times(
        lambda v: len(nx.single_source_shortest_path_length(g, v, cutoff=3)), starts)
    r["ego_subgraph"] = ego_times(
        lambda v: nx.ego_graph(g, v, radius=3).number_of_nodes(), starts)
    out["networkx"] = r
    values["networkx_betweenness"] = [bet[v] for v in range(len(names))]
    values["networkx_coreness"] = [core[v] for v in range(len(names))]


def speed(args):
    out = {"load": {}}
    secs, (names, pairs, weights, loops, merged) = timed(lambda: read_edges(args.edges))
    out["load"]["read_csv"] = secs
    index = {name: i for i, name in enumerate(names)}
    sources = read_names(args.sources, index)
    starts = read_names(args.ego, index)
    out.update(nodes=len(names), edges=len(pairs), self_loops_dropped=loops,
               rows_merged=merged, sources=len(sources), ego_starts=len(starts))
    values = {"ids": names}
    if args.only in (None, "igraph"):
        speed_igraph(names, pairs, weights, sources, starts, out, values)
    if args.only in (None, "networkx"):
        speed_networkx(names, pairs, weights, sources, starts, args.seed, out, values)
    out["values"] = values
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("measures")
    m.add_argument("edges")
    s = sub.add_parser("speed")
    s.add_argument("edges")
    s.add_argument("--sources", required=True)
    s.add_argument("--ego", required=True)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--only", choices=["igraph", "networkx"])
    args = ap.parse_args()
    if args.mode == "measures":
        measures(args)
    else:
        speed(args)


if __name__ == "__main__":
    main()

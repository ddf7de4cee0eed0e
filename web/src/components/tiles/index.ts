/**
 * The page's one view map: a tile family → the component that draws it. The
 * collector says which family each kind belongs to (in `hello`, from each
 * source's definition), so the page holds no list of kinds; an unknown family
 * gets GenericTile, which shows every field that is present.
 */
import type { Component } from "svelte";
import type { Tile, TileFamily } from "../../../../collector/contract.ts";
import BuildTile from "./BuildTile.svelte";
import MetricTile from "./MetricTile.svelte";
import ListTile from "./ListTile.svelte";
import GenericTile from "./GenericTile.svelte";
import LazyEnvironmentsTile from "./LazyEnvironmentsTile.svelte";

const VIEW: Record<TileFamily, Component<{ tile: Tile }>> = {
  build: BuildTile,
  metric: MetricTile,
  check: MetricTile,
  list: ListTile,
  people: GenericTile,
  environments: LazyEnvironmentsTile,
};

export function viewFor(family: TileFamily | undefined): Component<{ tile: Tile }> {
  // hasOwn(VIEW, undefined) is false, so no separate check (a few bytes the TV bundle has no room for)
  return Object.hasOwn(VIEW, family as string) ? VIEW[family!] : GenericTile;
}

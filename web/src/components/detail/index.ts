/**
 * The detail view's map: a tile family → what a person needs to act on it. Like the tiles' view map,
 * the page holds no list of kinds; an unknown family gets the plain item list.
 */
import type { Component } from "svelte";
import type { Tile, TileFamily } from "../../../../collector/contract.ts";
import BuildDetail from "./BuildDetail.svelte";
import MetricDetail from "./MetricDetail.svelte";
import ListDetail from "./ListDetail.svelte";
import PeopleDetail from "./PeopleDetail.svelte";
import EnvironmentsDetail from "./EnvironmentsDetail.svelte";

const DETAIL: Partial<Record<TileFamily, Component<{ tile: Tile }>>> = {
  build: BuildDetail,
  metric: MetricDetail,
  check: MetricDetail,
  list: ListDetail,
  people: PeopleDetail,
  environments: EnvironmentsDetail,
};

export function detailFor(family: TileFamily | undefined): Component<{ tile: Tile }> {
  return family && Object.hasOwn(DETAIL, family) ? DETAIL[family]! : ListDetail;
}

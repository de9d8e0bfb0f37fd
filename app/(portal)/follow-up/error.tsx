"use client";

export { default } from "../sessions/error";

/** A share card's size in pixels: what `og:image:width` and `og:image:height` say. */
export const cardSize = {width: 1200, height: 630} as const

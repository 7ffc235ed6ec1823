package org.rtxen.experiments.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.block.Arrangement;
import org.jfree.chart.block.Block;
import org.jfree.chart.block.BlockContainer;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.ui.Size2D;

/**
 * Lays a legend's entries out in aligned columns, as matplotlib's {@code ncol} and {@code ls} do: in the fewest rows
 * whose columns fit the width, filled top to bottom then left to right, each column as wide as its widest entry and
 * each row as tall as its tallest, every entry at the left of its cell.
 */
final class LegendColumns implements Arrangement {
    /** The space between two columns, in pixels. */
    private static final double GAP = 24;

    @Override
    public void add(Block block, Object key) {
        // every block of the container is laid out; the keys say nothing here
    }

    @Override
    public Size2D arrange(BlockContainer container, Graphics2D g2, RectangleConstraint constraint) {
        @SuppressWarnings("unchecked")
        List<Block> blocks = container.getBlocks();
        int n = blocks.size();
        Size2D[] sizes = new Size2D[n];
        for (int i = 0; i < n; i++) sizes[i] = blocks.get(i).arrange(g2, RectangleConstraint.NONE);
        LengthConstraintType type = constraint.getWidthConstraintType();
        double room = type == LengthConstraintType.NONE ? Double.POSITIVE_INFINITY
                : type == LengthConstraintType.FIXED ? constraint.getWidth()
                : constraint.getWidthRange().getUpperBound();
        int rows = 1;
        while (rows < n && width(columnWidths(sizes, rows)) > room) rows++;
        double[] columns = columnWidths(sizes, rows);
        double[] rowHeights = new double[rows];
        for (int i = 0; i < n; i++) rowHeights[i % rows] = Math.max(rowHeights[i % rows], sizes[i].height);
        double x = 0;
        for (int c = 0; c < columns.length; c++) {
            double y = 0;
            for (int r = 0; r < rows && c * rows + r < n; r++) {
                Size2D s = sizes[c * rows + r];
                blocks.get(c * rows + r).setBounds(new Rectangle2D.Double(x, y, s.width, s.height));
                y += rowHeights[r];
            }
            x += columns[c] + GAP;
        }
        double height = 0;
        for (double h : rowHeights) height += h;
        return new Size2D(width(columns), height);
    }

    @Override
    public void clear() {
        // keeps nothing between layouts
    }

    /** The widths of the columns that {@code rows} rows give, filled top to bottom. */
    private static double[] columnWidths(Size2D[] sizes, int rows) {
        double[] widths = new double[(sizes.length + rows - 1) / rows];
        for (int i = 0; i < sizes.length; i++) widths[i / rows] = Math.max(widths[i / rows], sizes[i].width);
        return widths;
    }

    /** The width of {@code columns} side by side, {@link #GAP} between each two. */
    private static double width(double[] columns) {
        double w = GAP * (columns.length - 1);
        for (double c : columns) w += c;
        return w;
    }
}
